/** The grades and tiers in the order the pages show them, with the colours their tags take. */
export const gradeList = ["excellent", "qualified", "basic", "unqualified"] as const
const gradeColors: Record<string, string> = {
  excellent: "red",
  qualified: "green",
  basic: "gold",
  unqualified: "default",
}
export const gradeColor = (g: string | null | undefined): string => gradeColors[g ?? ""] ?? "default"
export const tierList = ["good", "fair", "average", "poor"] as const
export const indicatorList = ["meetings", "ordersOnTime", "development", "studyHours", "visits"] as const
