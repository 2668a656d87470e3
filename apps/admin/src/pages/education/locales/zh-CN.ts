// The strings of the 教育培训 (education) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.education": "教育培训",
  "education.title": "教育培训",
  "education.records": "记录",
  "education.create": "新建记录",
  "education.created": "已登记",
  "education.org": "组织",
  "education.recordTitle": "标题",
  "education.onDate": "日期",
  "education.note": "备注",
  "education.titleRequired": "请填写标题",
  "education.orgRequired": "请选择组织",
  "education.dateRequired": "请选择日期",
  "education.empty": "还没有记录",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly education: typeof zhCN
  }
}
