import { BarChartOutlined, BookOutlined, CommentOutlined, ReadOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { featuredThreadsQuery } from "./api"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 教育培训 (Education and training): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "education",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "education", load: () => import("./ClassesPage") },
    { path: "education/classes/:id", load: () => import("./ClassPage") },
    { path: "education/members/:id", load: () => import("./MemberStudyPage") },
    { path: "education/statistics", load: () => import("./StatisticsPage") },
    { path: "education/first-item", load: () => import("./FirstItemPage") },
    { path: "education/forum", load: () => import("./ForumPage") },
    { path: "education/forum/:id", load: () => import("./ThreadPage") },
  ],
  menuGroup: { label: "menu.group.education", order: 55 },
  menu: [
    { path: "education", label: "menu.education", icon: ReadOutlined, order: 60 },
    { path: "education/statistics", label: "education.statistics", icon: BarChartOutlined, order: 61 },
    { path: "education/first-item", label: "education.firstItem", icon: BookOutlined, order: 62 },
    { path: "education/forum", label: "education.forum", icon: CommentOutlined, order: 63 },
  ],
  dashboardPanels: [
    {
      key: "education.featured",
      title: "education.panel",
      load: () => import("./DashboardPanel"),
      queries: () => [featuredThreadsQuery()],
      span: 12,
      order: 20,
    },
  ],
})
