const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

/** 1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 105 → 一百零五: how article numbers are written (第十三条). */
export const toChineseNumeral = (n: number): string => {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n)
  if (n < 10) return DIGITS[n] ?? String(n)
  if (n < 20) return `十${n % 10 === 0 ? "" : DIGITS[n % 10]}`
  const units: [number, string][] = [
    [1000, "千"],
    [100, "百"],
    [10, "十"],
  ]
  let out = ""
  let rest = n
  let pendingZero = false
  for (const [size, name] of units) {
    const digit = Math.floor(rest / size)
    rest %= size
    if (digit > 0) {
      if (pendingZero) out += "零"
      out += `${DIGITS[digit]}${name}`
      pendingZero = false
    } else if (out !== "") pendingZero = true
  }
  if (rest > 0) out += `${pendingZero ? "零" : ""}${DIGITS[rest]}`
  return out
}
