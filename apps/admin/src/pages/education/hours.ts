/**
 * Class hours (学时) as the education pages show them: at most two decimals, trailing zeros dropped, no float noise
 * (1.1999999999999993 → "1.2", 32 → "32"). The API sends hours as tenths / 10, so one decimal is what normally shows.
 * Not a number (absent) → "—".
 */
export const formatHours = (hours: number | null | undefined): string => {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return "—"
  const rounded = Math.round(hours * 100) / 100
  return String(Object.is(rounded, -0) ? 0 : rounded)
}
