import type { Rule } from "antd/es/form"

/** Why a typed amount is not whole fen: not a number of yuan at all, or more than two decimals (a fraction of a fen). */
export type YuanProblem = "format" | "decimals" | "range"

/**
 * A yuan amount as typed ("1,234.5", "12", "0.07") to integer fen (分), exactly: the digits are read as text, never
 * through a float (`0.07 * 100` is 7.000000000000001), so what the form sends is what was typed. Thousands commas and
 * surrounding spaces are allowed; a sign is not (amounts are never negative). More than two decimals is
 * `"decimals"` (the API keeps whole fen and refuses a fraction), anything else not a plain amount `"format"`, an
 * amount beyond a safe integer of fen `"range"`.
 */
export const parseYuan = (
  typed: string | number,
): { readonly fen: number } | { readonly problem: YuanProblem } => {
  const text = String(typed).trim().replaceAll(",", "").replaceAll("，", "")
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text) ?? /^()\.(\d+)$/.exec(text)
  if (m === null) return { problem: "format" }
  const whole = m[1] ?? ""
  const decimals = (m[2] ?? "").replace(/0+$/, "")
  if (decimals.length > 2) return { problem: "decimals" }
  const fen = BigInt(whole === "" ? "0" : whole) * 100n + BigInt(decimals.padEnd(2, "0"))
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return { problem: "range" }
  return { fen: Number(fen) }
}

/** Integer fen as the text a yuan field shows: 150 → "1.50", 1200000 → "12000" (no separators: it is typed back). */
export const yuanText = (fen: number): string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`an amount is whole fen, not ${fen}`)
  const sign = fen < 0 ? "-" : ""
  const abs = Math.abs(fen)
  const cents = abs % 100
  return `${sign}${Math.trunc(abs / 100)}${cents === 0 ? "" : `.${String(cents).padStart(2, "0")}`}`
}

/**
 * The fen of a field the form has already checked with `yuanRule` (a problem here is a bug); an optional field
 * left empty (or cleared: antd gives null) is 0.
 */
export const fenOfChecked = (typed: string | number | null | undefined): number => {
  if (typed === undefined || typed === null || typed === "") return 0
  const r = parseYuan(typed)
  if ("problem" in r) throw new Error(`an unchecked amount: ${String(typed)}`)
  return r.fen
}

/**
 * The form rule of a yuan field: refuses, with a message naming the field (`messages` in the interface's language),
 * an amount with more than two decimals, and anything that is not an amount. Empty is left to `required`.
 */
export const yuanRule = (messages: Readonly<Record<YuanProblem, string>>): Rule => ({
  validator: async (_rule, value: unknown) => {
    if (value === undefined || value === null || value === "") return
    const r = parseYuan(typeof value === "number" ? String(value) : String(value))
    if ("problem" in r) throw new Error(messages[r.problem])
  },
})

/** The messages of `yuanRule` for the field labelled `field`, in the interface's language. */
export const yuanMessages = (
  t: (key: "form.yuan.format" | "form.yuan.decimals" | "form.yuan.range", vars: { field: string }) => string,
  field: string,
): Readonly<Record<YuanProblem, string>> => ({
  format: t("form.yuan.format", { field }),
  decimals: t("form.yuan.decimals", { field }),
  range: t("form.yuan.range", { field }),
})
