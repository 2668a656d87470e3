import { ProblemError, toProblem } from "./problem"

const fileNameOf = (disposition: string | null, fallback: string): string => {
  if (!disposition) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback
}

/**
 * Downloads a spreadsheet the API builds (same origin, the session cookie, the reader's language) and
 * saves it through a blob link, so a refusal shows as a message instead of a broken file.
 */
export const download = async (path: string, locale: string, fallbackName: string): Promise<string> => {
  const res = await fetch(`/api${path}`, {
    credentials: "same-origin",
    headers: { "accept-language": locale },
  })
  if (!res.ok) {
    let body: unknown
    try {
      body = await res.json()
    } catch {
      body = undefined
    }
    throw new ProblemError(toProblem(res.status, res.statusText, body))
  }
  const blob = await res.blob()
  const name = fileNameOf(res.headers.get("content-disposition"), fallbackName)
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
