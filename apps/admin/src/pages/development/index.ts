import { ExperimentOutlined, NodeIndexOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"
import { scopePipelineQuery } from "./queries"

/**
 * 发展党员: the pipeline board, each person's timeline with its record forms (generated from the
 * steps' evidence schemas), the cultivation plan, the annual analysis and plan, and a dashboard panel.
 */
export default defineArea({
  id: "development",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "development", load: () => import("./PipelinePage") },
    { path: "development/people/:memberId", load: () => import("./TimelinePage") },
    { path: "development/people/:memberId/plan", load: () => import("./PlanPage") },
    { path: "development/analysis", load: () => import("./AnalysisPage") },
    {
      path: "development/policy-impact",
      load: () => import("./PolicyImpactPage"),
      roles: ["district-admin"],
    },
  ],
  menuGroup: { label: "menu.group.development", order: 15 },
  menu: [
    { path: "development", label: "menu.development", icon: NodeIndexOutlined, order: 15 },
    {
      path: "development/policy-impact",
      label: "menu.developmentImpact",
      icon: ExperimentOutlined,
      order: 16,
      roles: ["district-admin"],
    },
  ],
  dashboardPanels: [
    {
      key: "development.attention",
      title: "dev.panel.title",
      load: () => import("./DashboardPanel"),
      queries: () => [scopePipelineQuery()],
      span: 24,
      order: 5,
    },
  ],
})
