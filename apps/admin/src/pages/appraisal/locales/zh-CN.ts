// The strings of the 评议考核 (appraisal) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.appraisal": "评议考核",
  "appraisal.title": "评议考核",
  "appraisal.records": "记录",
  "appraisal.create": "新建记录",
  "appraisal.created": "已登记",
  "appraisal.org": "组织",
  "appraisal.recordTitle": "标题",
  "appraisal.onDate": "日期",
  "appraisal.note": "备注",
  "appraisal.titleRequired": "请填写标题",
  "appraisal.orgRequired": "请选择组织",
  "appraisal.dateRequired": "请选择日期",
  "appraisal.empty": "还没有记录",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly appraisal: typeof zhCN
  }
}
