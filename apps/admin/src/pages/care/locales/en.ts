import type { zhCN } from "./zh-CN"

export const en: Readonly<Record<keyof typeof zhCN, string>> = {
  "menu.care": "Care",
  "care.title": "Care",
  "care.records": "Records",
  "care.create": "New record",
  "care.created": "Recorded",
  "care.org": "Organization",
  "care.recordTitle": "Title",
  "care.onDate": "Date",
  "care.note": "Note",
  "care.titleRequired": "Enter a title",
  "care.orgRequired": "Choose an organization",
  "care.dateRequired": "Choose a date",
  "care.empty": "No records yet",
}
