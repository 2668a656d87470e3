/**
 * Money as a reader sees it. Amounts are kept and computed as integer fen (分); a message shows them in yuan (元)
 * with thousands separators and two decimals, by integer arithmetic (no float ever touches an amount):
 * `formatYuan(134_370_000)` is `"1,343,700.00"`, `formatYuan(-5)` is `"-0.05"`.
 */
export const formatYuan = (fen: number): string => {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`an amount is whole fen, not ${fen}`)
  const sign = fen < 0 ? "-" : ""
  const abs = Math.abs(fen)
  const yuan = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  return `${sign}${yuan}.${String(abs % 100).padStart(2, "0")}`
}
