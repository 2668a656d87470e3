// The strings of the 组织生活与督查 (discipline) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.discipline": "组织生活与督查",
  "discipline.title": "组织生活与督查",
  "discipline.records": "记录",
  "discipline.create": "新建记录",
  "discipline.created": "已登记",
  "discipline.org": "组织",
  "discipline.recordTitle": "标题",
  "discipline.onDate": "日期",
  "discipline.note": "备注",
  "discipline.titleRequired": "请填写标题",
  "discipline.orgRequired": "请选择组织",
  "discipline.dateRequired": "请选择日期",
  "discipline.empty": "还没有记录",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly discipline: typeof zhCN
  }
}
