// The strings of the __titleZh__ (__area__) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.__areaCamel__": "__titleZh__",
  "__areaCamel__.title": "__titleZh__",
  "__areaCamel__.records": "记录",
  "__areaCamel__.create": "新建记录",
  "__areaCamel__.created": "已登记",
  "__areaCamel__.org": "组织",
  "__areaCamel__.recordTitle": "标题",
  "__areaCamel__.onDate": "日期",
  "__areaCamel__.note": "备注",
  "__areaCamel__.titleRequired": "请填写标题",
  "__areaCamel__.orgRequired": "请选择组织",
  "__areaCamel__.dateRequired": "请选择日期",
  "__areaCamel__.empty": "还没有记录",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly __areaCamel__: typeof zhCN
  }
}
