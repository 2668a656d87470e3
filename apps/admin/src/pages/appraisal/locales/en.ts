import type { zhCN } from "./zh-CN"

export const en: Readonly<Record<keyof typeof zhCN, string>> = {
  "menu.appraisal": "Appraisal",
  "appraisal.title": "Appraisal",
  "appraisal.records": "Records",
  "appraisal.create": "New record",
  "appraisal.created": "Recorded",
  "appraisal.org": "Organization",
  "appraisal.recordTitle": "Title",
  "appraisal.onDate": "Date",
  "appraisal.note": "Note",
  "appraisal.titleRequired": "Enter a title",
  "appraisal.orgRequired": "Choose an organization",
  "appraisal.dateRequired": "Choose a date",
  "appraisal.empty": "No records yet",
}
