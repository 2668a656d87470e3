import type { zhCN } from "./zh-CN"

export const en: Readonly<Record<keyof typeof zhCN, string>> = {
  "menu.discipline": "Organizational life and inspections",
  "discipline.title": "Organizational life and inspections",
  "discipline.records": "Records",
  "discipline.create": "New record",
  "discipline.created": "Recorded",
  "discipline.org": "Organization",
  "discipline.recordTitle": "Title",
  "discipline.onDate": "Date",
  "discipline.note": "Note",
  "discipline.titleRequired": "Enter a title",
  "discipline.orgRequired": "Choose an organization",
  "discipline.dateRequired": "Choose a date",
  "discipline.empty": "No records yet",
}
