import type { zhCN } from "./zh-CN"

export const en: Readonly<Record<keyof typeof zhCN, string>> = {
  "menu.import": "Import",
  "transfer.title": "Import",
  "transfer.stepFile": "File",
  "transfer.stepCheck": "Check",
  "transfer.stepConfirm": "Confirm",
  "transfer.stepDone": "Done",
  "transfer.kind": "What to import",
  "transfer.fileHint":
    ".xlsx or .csv (UTF-8 or GBK). Exports of the national party-member system and the usual ledgers are recognized.",
  "transfer.choose": "Choose a file",
  "transfer.chooseAgain": "Choose another file",
  "transfer.checking": "Uploading and checking every row…",
  "transfer.writing": "Importing…",
  "transfer.mapping": "Columns",
  "transfer.notMapped": "Not imported",
  "transfer.recheck": "Check again with these columns",
  "transfer.total": "{n} rows",
  "transfer.errors": "{n} rows with errors",
  "transfer.warnings": "{n} rows with warnings",
  "transfer.report": "Download the error report",
  "transfer.reportSaved": "Saved {name}",
  "transfer.confirm": "Import all {n} rows",
  "transfer.fixHint":
    "Nothing is imported while any row has an error. Download the report, correct the file as its last column says and choose it again.",
  "transfer.noProblems": "No row has a problem",
  "transfer.row": "Row {n}",
  "transfer.done": "{n} records imported",
  "transfer.another": "Import another file",
}
