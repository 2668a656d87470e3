import { ApartmentOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"
import { scopeRootQuery, scopeStagesQuery } from "./queries"

/** 组织架构: the party organization tree of the caller's scope and the overview panel. */
export default defineArea({
  id: "organization",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "orgs", load: () => import("./OrgTreePage") }],
  menu: [{ path: "orgs", label: "menu.orgs", icon: ApartmentOutlined, order: 10 }],
  dashboardPanels: [
    {
      key: "organization.overview",
      title: "overview.title",
      load: () => import("./OverviewPanel"),
      queries: () => [scopeRootQuery(), scopeStagesQuery()],
      span: 24,
      order: 0,
    },
  ],
})
