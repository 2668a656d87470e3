// The strings of 日程 (the agenda and its calendar feed) in 简体中文, the admin's first language. en.ts carries
// exactly the same keys; the area registers them with defineArea, and the declaration below lets `t()`
// accept them everywhere.
export const zhCN = {
  "agenda.panel.title": "近30天到期",
  "agenda.panel.empty": "近30天没有到期事项",
  "agenda.panel.total": "共 {count} 项",
  "agenda.panel.capped": "仅列出最近的 {shown} 项，共 {count} 项",
  "agenda.panel.cappedAtLeast": "仅列出最近的 {shown} 项，共至少 {count} 项",
  "agenda.panel.subscribe": "订阅到日历",
  "agenda.kind.all": "全部",
  "agenda.kind.development.step": "发展党员",
  "agenda.kind.discipline.obligation": "组织生活",
  "agenda.kind.discipline.order": "整改通知",
  "agenda.kind.care.visit-plan": "走访慰问",
  "agenda.kind.education.session": "培训课次",
  "agenda.kind.appraisal.case-step": "不合格党员处置",
  "agenda.group.count": "{count}项",
  "agenda.group.overdue": "逾期{count}项",
  "agenda.state.due": "待办",
  "agenda.state.overdue": "逾期",
  "agenda.today": "今天",
  "agenda.inDays": "{days}天后",
  "agenda.daysAgo": "已过{days}天",
  "agenda.feed.menu": "日历订阅",
  "agenda.feed.title": "日历订阅",
  "agenda.feed.intro":
    "在手机或电脑的日历应用中订阅下面的地址，就能看到您管理范围内近期到期的事项（发展党员的步骤、组织生活、整改通知）。日历应用会定时刷新。",
  "agenda.feed.privacy":
    "订阅地址本身就是凭证：拿到地址的人可以看到这些事项，请不要转发。地址泄露时请立即更换或停止订阅。修改密码、变更角色或账号被停用时，订阅会自动失效。",
  "agenda.feed.none": "您还没有订阅地址。",
  "agenda.feed.active":
    "订阅已开启（生成于 {at}）。出于安全考虑，地址只在生成时显示一次；如已遗失，请更换地址。",
  "agenda.feed.create": "生成订阅地址",
  "agenda.feed.rotate": "更换地址",
  "agenda.feed.revoke": "停止订阅",
  "agenda.feed.confirmRotate": "更换后，旧地址立即失效，已订阅的日历需要改用新地址。确定更换？",
  "agenda.feed.confirmRevoke": "停止后，订阅地址立即失效。确定停止订阅？",
  "agenda.feed.url": "订阅地址",
  "agenda.feed.copy": "复制地址",
  "agenda.feed.open": "在日历应用中打开",
  "agenda.feed.copied": "已复制",
  "agenda.feed.shownOnce": "请现在复制并保存这个地址，离开本页后将不再显示。",
  "agenda.feed.revoked": "已停止订阅",
  "agenda.feed.howto": "如何在日历应用中订阅",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly agenda: typeof zhCN
  }
}
