import { ProblemError, toProblem } from "./problem"
import { buildQuery, type QueryValue } from "./query"

// The CSRF token lives in memory only (never in storage): it comes with login and /auth/me and
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
