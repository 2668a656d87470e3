import { CalendarOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { upcomingQuery } from "./api"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/**
 * 日程 (the agenda): what falls due in the user's scope in the next 30 days, from every area's agenda source
 * (a dashboard panel), and the user's iCalendar feed (in the account menu).
 */
export default defineArea({
  id: "agenda",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "agenda/feed", load: () => import("./FeedPage") }],
  menu: [],
  userMenu: [{ path: "agenda/feed", label: "agenda.feed.menu", icon: CalendarOutlined, order: 10 }],
  dashboardPanels: [
    {
      key: "agenda.upcoming",
      title: "agenda.panel.title",
      load: () => import("./DashboardPanel"),
      queries: () => [upcomingQuery()],
      span: 24,
      order: 1,
    },
  ],
})
