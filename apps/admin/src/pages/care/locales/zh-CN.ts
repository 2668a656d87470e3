// The strings of the 党内关怀 (care) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.care": "党内关怀",
  "care.title": "党内关怀",
  "care.records": "记录",
  "care.create": "新建记录",
  "care.created": "已登记",
  "care.org": "组织",
  "care.recordTitle": "标题",
  "care.onDate": "日期",
  "care.note": "备注",
  "care.titleRequired": "请填写标题",
  "care.orgRequired": "请选择组织",
  "care.dateRequired": "请选择日期",
  "care.empty": "还没有记录",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly care: typeof zhCN
  }
}
