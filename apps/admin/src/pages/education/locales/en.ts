import type { zhCN } from "./zh-CN"

export const en: Readonly<Record<keyof typeof zhCN, string>> = {
  "menu.education": "Education and training",
  "education.title": "Education and training",
  "education.records": "Records",
  "education.create": "New record",
  "education.created": "Recorded",
  "education.org": "Organization",
  "education.recordTitle": "Title",
  "education.onDate": "Date",
  "education.note": "Note",
  "education.titleRequired": "Enter a title",
  "education.orgRequired": "Choose an organization",
  "education.dateRequired": "Choose a date",
  "education.empty": "No records yet",
}
