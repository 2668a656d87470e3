/** A stored record's evidence as label/text pairs for the timeline (labels from the locale files). */
export type Translate = (key: string, fallback: string) => string

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

const valueText = (v: unknown, td: Translate, yes: string, no: string): string => {
  if (v === null || v === undefined) return "—"
  if (typeof v === "boolean") return v ? yes : no
  if (typeof v === "string") return td(`dev.enum.${v}`, v)
  if (typeof v === "number") return String(v)
  if (Array.isArray(v)) {
    if (v.length === 0) return "—"
    return v.map((x) => valueText(x, td, yes, no)).join("、")
  }
  if (isRecord(v)) {
    const name = typeof v.name === "string" ? v.name : typeof v.path === "string" ? v.path : undefined
    const rest = Object.entries(v)
      .filter(([k, x]) => k !== "name" && k !== "path" && !(Array.isArray(x) && x.length === 0))
      .map(([k, x]) => `${td(`dev.field.${k}`, k)}：${valueText(x, td, yes, no)}`)
    return name ? (rest.length ? `${name}（${rest.join("，")}）` : name) : rest.join("，")
  }
  return String(v)
}

const rankOf = (order: readonly string[], key: string) => {
  const i = order.indexOf(key)
  return i < 0 ? order.length : i
}

export const evidenceRows = (
  evidence: Readonly<Record<string, unknown>>,
  td: Translate,
  yes: string,
  no: string,
  /** Property names in the schema's order (the database may have reordered the keys). */
  order: readonly string[] = [],
): { label: string; text: string }[] =>
  Object.entries(evidence)
    .sort(([a], [b]) => rankOf(order, a) - rankOf(order, b))
    .map(([k, v]) => ({
      label: td(`dev.field.${k}`, k),
      text: valueText(v, td, yes, no),
    }))

/** Whole days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
