import type { zhCN } from "./zh-CN"

export const en: Readonly<Record<keyof typeof zhCN, string>> = {
  "menu.__areaCamel__": "__titleEn__",
  "__areaCamel__.title": "__titleEn__",
  "__areaCamel__.records": "Records",
  "__areaCamel__.create": "New record",
  "__areaCamel__.created": "Recorded",
  "__areaCamel__.org": "Organization",
  "__areaCamel__.recordTitle": "Title",
  "__areaCamel__.onDate": "Date",
  "__areaCamel__.note": "Note",
  "__areaCamel__.titleRequired": "Enter a title",
  "__areaCamel__.orgRequired": "Choose an organization",
  "__areaCamel__.dateRequired": "Choose a date",
  "__areaCamel__.empty": "No records yet",
}
