import { AuditOutlined, IdcardOutlined, SolutionOutlined, WarningOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { cyclesThisYearQuery } from "./api"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

const staff = ["district-admin", "committee-officer", "branch-secretary", "auditor"] as const

/** 评议考核 (Appraisal): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "appraisal",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "appraisal", load: () => import("./CyclesPage"), roles: staff },
    { path: "appraisal/cycles/:id", load: () => import("./CycleDetailPage"), roles: staff },
    { path: "appraisal/cases", load: () => import("./CasesPage"), roles: staff },
    { path: "appraisal/secretaries", load: () => import("./SecretariesPage"), roles: staff },
    { path: "appraisal/me", load: () => import("./MyPage"), roles: ["member"] },
  ],
  publicRoutes: [{ path: "activate", load: () => import("./ActivatePage") }],
  homes: { member: "appraisal/me" },
  menuGroup: { label: "menu.group.appraisal", order: 60 },
  menu: [
    { path: "appraisal", label: "menu.appraisal", icon: AuditOutlined, order: 60, roles: staff },
    { path: "appraisal/cases", label: "appraisal.cases", icon: WarningOutlined, order: 61, roles: staff },
    {
      path: "appraisal/secretaries",
      label: "appraisal.secretaries",
      icon: SolutionOutlined,
      order: 62,
      roles: staff,
    },
    { path: "appraisal/me", label: "appraisal.me", icon: IdcardOutlined, order: 1, roles: ["member"] },
  ],
  dashboardPanels: [
    {
      key: "appraisal.overview",
      title: "appraisal.panel.title",
      load: () => import("./DashboardPanel"),
      queries: () => [cyclesThisYearQuery()],
      span: 12,
      order: 40,
      roles: staff,
    },
  ],
})
