// The strings of the 数据迁移 (transfer) area in 简体中文, the admin's first language. en.ts carries exactly the
// same keys (the compiler and src/locales/locales.test.ts check).
export const zhCN = {
  "menu.import": "数据导入",
  "transfer.title": "数据导入",
  "transfer.stepFile": "选择文件",
  "transfer.stepCheck": "检查",
  "transfer.stepConfirm": "确认导入",
  "transfer.stepDone": "完成",
  "transfer.kind": "导入内容",
  "transfer.fileHint":
    "支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）。可直接使用全国党员管理信息系统导出的表格或常用台账。",
  "transfer.choose": "选择文件",
  "transfer.chooseAgain": "重新选择文件",
  "transfer.checking": "正在上传并逐行检查……",
  "transfer.writing": "正在导入……",
  "transfer.mapping": "列对应关系",
  "transfer.notMapped": "不导入",
  "transfer.recheck": "按此对应关系重新检查",
  "transfer.total": "共 {n} 行",
  "transfer.errors": "{n} 行有错误",
  "transfer.warnings": "{n} 行有提醒",
  "transfer.report": "下载错误报告",
  "transfer.reportSaved": "已下载 {name}",
  "transfer.confirm": "确认导入全部 {n} 行",
  "transfer.fixHint": "有错误时一行也不会导入。请下载错误报告，按“问题说明”列改正原文件后重新选择文件。",
  "transfer.noProblems": "所有行均无问题",
  "transfer.row": "第 {n} 行",
  "transfer.done": "已导入 {n} 条记录",
  "transfer.another": "继续导入",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly transfer: typeof zhCN
  }
}
