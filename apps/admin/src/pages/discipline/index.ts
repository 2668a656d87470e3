import { AlertOutlined, HeatMapOutlined, TeamOutlined, UserSwitchOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { overviewQuery } from "./api"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 组织生活与督查 (Organizational life and inspections): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "discipline",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "discipline", load: () => import("./MeetingsPage") },
    { path: "discipline/meetings", load: () => import("./MeetingsPage") },
    { path: "discipline/heatmap", load: () => import("./HeatmapPage") },
    { path: "discipline/inspections", load: () => import("./InspectionsPage") },
    { path: "discipline/standing", load: () => import("./StandingPage") },
  ],
  menuGroup: { label: "menu.discipline", order: 50 },
  menu: [
    { path: "discipline/meetings", label: "discipline.meetings", icon: TeamOutlined, order: 50 },
    { path: "discipline/heatmap", label: "discipline.heatmap", icon: HeatMapOutlined, order: 51 },
    { path: "discipline/inspections", label: "discipline.inspections", icon: AlertOutlined, order: 52 },
    { path: "discipline/standing", label: "discipline.standing", icon: UserSwitchOutlined, order: 53 },
  ],
  dashboardPanels: [
    {
      key: "discipline.overview",
      title: "discipline.panel.title",
      load: () => import("./DashboardPanel"),
      queries: () => [overviewQuery()],
      span: 24,
      order: 20,
    },
  ],
})
