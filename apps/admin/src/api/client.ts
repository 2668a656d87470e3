import { ProblemError, toProblem } from "./problem"
import { buildQuery, type QueryValue } from "./query"

// The CSRF token lives in memory only (never in storage): it comes with login and /auth/session (or /auth/me) and
// goes back on every request that changes something.
let csrfToken: string | undefined
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token
}

// The API writes problem titles and details in the reader's language (Accept-Language).
let language = "zh-CN"
export const setLanguage = (lang: string): void => {
  language = lang
}

type UnauthorizedListener = () => void
const unauthorizedListeners = new Set<UnauthorizedListener>()
/** Called when any request answers 401, i.e. the session has expired or was logged out elsewhere. */
export const onUnauthorized = (listener: UnauthorizedListener): (() => void) => {
  unauthorizedListeners.add(listener)
  return () => unauthorizedListeners.delete(listener)
}

const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = {
    accept: "application/json, application/problem+json",
    "accept-language": language,
  }
  if (body !== undefined) headers["content-type"] = "application/json"
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken
  let res: Response
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : JSON.stringify(body),
    })
  } catch {
    throw new ProblemError({ type: "about:blank", title: "Network error", status: 0 })
  }
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  if (!res.ok) {
    const problem = toProblem(res.status, res.statusText, parsed)
    if (res.status === 401 && !path.startsWith("/auth/")) for (const l of unauthorizedListeners) l()
    throw new ProblemError(problem)
  }
  return parsed as T
}

export const api = {
  get: <T>(path: string, query?: Readonly<Record<string, QueryValue>>) =>
    request<T>("GET", query ? `${path}${buildQuery(query)}` : path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
}

/**
 * Sends a JSON body with upload progress (XMLHttpRequest: fetch reports none), for large uploads such as an
 * import. `onProgress` gets 0–1 as the body goes out. Answers the parsed JSON, or a Blob when `as` is
 * `"blob"` (with the file name the server gave); a refusal throws the ProblemError, as `api` does.
 */
export const sendWithProgress = <T>(
  method: string,
  path: string,
  body: unknown,
  options: {
    readonly as?: "json" | "blob" | "text"
    readonly onProgress?: (share: number) => void
    /** Called with the answer's text so far as it arrives (a streamed answer: progress lines). */
    readonly onText?: (textSoFar: string) => void
  } = {},
): Promise<{ value: T; fileName?: string }> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, `/api${path}`)
    xhr.withCredentials = true
    xhr.responseType = options.as === "blob" ? "blob" : "text"
    xhr.setRequestHeader("content-type", "application/json")
    xhr.setRequestHeader("accept", "application/json, application/problem+json")
    xhr.setRequestHeader("accept-language", language)
    if (csrfToken) xhr.setRequestHeader("x-csrf-token", csrfToken)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total)
    }
    if (options.onText !== undefined) xhr.onprogress = () => options.onText?.(String(xhr.responseText))
    xhr.onerror = () => reject(new ProblemError({ type: "about:blank", title: "Network error", status: 0 }))
    xhr.onload = async () => {
      const text =
        xhr.responseType === "blob"
          ? await (xhr.response as Blob).text().catch(() => "")
          : String(xhr.response)
      if (xhr.status < 200 || xhr.status >= 300) {
        let parsed: unknown
        try {
          parsed = text ? JSON.parse(text) : undefined
        } catch {
          parsed = undefined
        }
        if (xhr.status === 401) for (const l of unauthorizedListeners) l()
        reject(new ProblemError(toProblem(xhr.status, xhr.statusText, parsed)))
        return
      }
      if (options.as === "blob") {
        const disposition = xhr.getResponseHeader("content-disposition") ?? ""
        const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1]
        const fileName = star === undefined ? undefined : decodeURIComponent(star)
        resolve({ value: xhr.response as T, ...(fileName === undefined ? {} : { fileName }) })
      } else if (options.as === "text") resolve({ value: text as T })
      else resolve({ value: (text ? JSON.parse(text) : undefined) as T })
    }
    xhr.send(JSON.stringify(body))
  })
