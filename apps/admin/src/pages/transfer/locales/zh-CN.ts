// The strings of the 数据迁移 (transfer) area in 简体中文, the admin's first language. en.ts carries exactly the
// same keys (the compiler and src/locales/locales.test.ts check).
export const zhCN = {
  "menu.group.transfer": "数据与日历",
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
  "transfer.phase.read": "已读取文件，共 {total} 行",
  "transfer.phase.check": "正在逐行检查：{done} / {total} 行",
  "transfer.phase.write": "正在写入：{done} / {total} 行",
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
  "menu.calendar": "节假日安排",
  "calendar.title": "节假日安排（工作日历）",
  "calendar.hint":
    "国务院每年11月前后公布下一年的节假日安排。新版本发布前，请在此录入；未录入的年份，按工作日计算的期限显示为“未知”。",
  "calendar.add": "录入一年的安排",
  "calendar.saved": "已保存",
  "calendar.empty": "尚未录入（内置数据已包含的年份无需录入）",
  "calendar.workday": "调休上班",
  "calendar.year": "年份",
  "calendar.notice": "通知文号",
  "calendar.holidays": "放假日期（每行一天：日期 节日名）",
  "calendar.makeUpWorkdays": "调休上班日期（每行一天）",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly transfer: typeof zhCN
  }
}
