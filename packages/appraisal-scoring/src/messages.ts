import type { MessageCatalog } from "@xianfeng/core"

/** Every verdict code this package emits, in Chinese first and English. A test keeps it complete. */
export const appraisalMessages: MessageCatalog = {
  "APPRAISAL-RECORD-DATE.future": {
    "zh-CN": "记录日期（{on}）不能晚于登记日（{asOf}）",
    en: "a record cannot be dated {on}, after the day it is entered ({asOf})",
  },
  "APPRAISAL-RECORD-DATE.late-entry": {
    "zh-CN": "记录日期（{on}）早于登记日{days}天，超过本区规定的{max}天，请核实",
    en: "the record is dated {on}, {days} days before it is entered (the district allows {max}); please check",
  },
  "APPRAISAL-RECORD-DATE.ok": { "zh-CN": "记录日期符合要求", en: "the record's date is fine" },
}
