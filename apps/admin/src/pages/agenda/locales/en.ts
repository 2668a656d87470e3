import type { zhCN } from "./zh-CN"

export const en: Readonly<Record<keyof typeof zhCN, string>> = {
  "agenda.panel.title": "Due in the next 30 days",
  "agenda.panel.empty": "Nothing falls due in the next 30 days",
  "agenda.panel.total": "{count} in all",
  "agenda.panel.capped": "The nearest {shown} of {count} are listed",
  "agenda.panel.subscribe": "Subscribe in a calendar",
  "agenda.kind.all": "All",
  "agenda.kind.development.step": "Development",
  "agenda.kind.discipline.obligation": "Organizational life",
  "agenda.kind.discipline.order": "Rectification",
  "agenda.kind.care.visit-plan": "Visits",
  "agenda.kind.education.session": "Class sessions",
  "agenda.kind.appraisal.case-step": "Unqualified cases",
  "agenda.state.due": "Due",
  "agenda.state.overdue": "Overdue",
  "agenda.today": "today",
  "agenda.inDays": "in {days} days",
  "agenda.daysAgo": "{days} days ago",
  "agenda.feed.menu": "Calendar feed",
  "agenda.feed.title": "Calendar feed",
  "agenda.feed.intro":
    "Subscribe to the address below in the calendar app of your phone or computer to see what falls due in your scope (development steps, organizational life, rectification orders). The app refreshes it by itself.",
  "agenda.feed.privacy":
    "The address is itself the key: whoever has it sees these items, so do not pass it on. If it leaks, replace it or stop the feed at once. Changing your password, a change of role or a disabled account ends the feed.",
  "agenda.feed.none": "You have no feed address yet.",
  "agenda.feed.active":
    "Your feed is on (made {at}). For safety the address is shown only when it is made; if you lost it, replace it.",
  "agenda.feed.create": "Make a feed address",
  "agenda.feed.rotate": "Replace the address",
  "agenda.feed.revoke": "Stop the feed",
  "agenda.feed.confirmRotate":
    "The old address stops working at once; calendars subscribed to it need the new one. Replace it?",
  "agenda.feed.confirmRevoke": "The feed address stops working at once. Stop the feed?",
  "agenda.feed.url": "Feed address",
  "agenda.feed.copy": "Copy the address",
  "agenda.feed.open": "Open in the calendar app",
  "agenda.feed.copied": "Copied",
  "agenda.feed.shownOnce": "Copy and keep this address now: it is not shown again once you leave this page.",
  "agenda.feed.revoked": "The feed is stopped",
  "agenda.feed.howto": "How to subscribe in a calendar app",
}
