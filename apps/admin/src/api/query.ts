/** A value a query-string parameter may take; empty values are left out of the URL. */
export type QueryValue = string | number | boolean | null | undefined

/**
 * Builds `?a=1&b=x` from a record, leaving out `undefined`, `null` and blank strings so that an
 * untouched filter does not reach the API as `stage=`. Keys keep their insertion order.
 */
export const buildQuery = (params: Readonly<Record<string, QueryValue>>): string => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    const text = typeof value === "string" ? value.trim() : String(value)
    if (text === "") continue
    search.append(key, text)
  }
  const qs = search.toString()
  return qs === "" ? "" : `?${qs}`
}

/** Reads a positive integer query parameter, falling back when it is missing or malformed. */
export const positiveInt = (raw: string | null | undefined, fallback: number): number => {
  if (raw == null) return fallback
  const n = Number(raw)
  return Number.isInteger(n) && n > 0 ? n : fallback
}
