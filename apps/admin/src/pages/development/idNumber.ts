const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = "10X98765432"

/** The GB 11643 check character of the first 17 digits. */
export const checkDigit = (first17: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK[sum % 11] ?? "?"
}

/** A plausible 18-character resident ID number: digits, a real birth date and a matching check digit. */
export const isValidIdNumber = (raw: string): boolean => {
  const s = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return false
  const y = Number(s.slice(6, 10))
  const m = Number(s.slice(10, 12))
  const d = Number(s.slice(12, 14))
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false
  return checkDigit(s.slice(0, 17)) === s[17]
}
