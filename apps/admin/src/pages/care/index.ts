import {
  FileSearchOutlined,
  GiftOutlined,
  HeartOutlined,
  PayCircleOutlined,
  TrophyOutlined,
} from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { careDashboardQuery } from "./api"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 党内关怀 (Care): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "care",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "care", load: () => import("./VisitsPage") },
    { path: "care/ledger", load: () => import("./LedgerPage") },
    { path: "care/survey", load: () => import("./SurveyPage") },
    { path: "care/dues", load: () => import("./DuesPage") },
    { path: "care/commendations", load: () => import("./CommendationsPage") },
  ],
  menuGroup: { label: "menu.care", order: 65 },
  menu: [
    { path: "care", label: "care.visits", icon: GiftOutlined, order: 60 },
    { path: "care/ledger", label: "care.ledger", icon: HeartOutlined, order: 61 },
    { path: "care/survey", label: "care.survey", icon: FileSearchOutlined, order: 62 },
    { path: "care/dues", label: "care.dues", icon: PayCircleOutlined, order: 63 },
    { path: "care/commendations", label: "care.commendations", icon: TrophyOutlined, order: 64 },
  ],
  dashboardPanels: [
    {
      key: "care.overview",
      title: "care.panel.title",
      load: () => import("./DashboardPanel"),
      queries: () => [careDashboardQuery()],
      span: 24,
      order: 20,
    },
  ],
})
