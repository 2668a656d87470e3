import { ApartmentOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"

/** 组织架构: the party organization tree of the caller's scope and the overview panel. */
export default defineArea({
  id: "organization",
  routes: [{ path: "orgs", load: () => import("./OrgTreePage") }],
  menu: [{ path: "orgs", label: "menu.orgs", icon: ApartmentOutlined, order: 10 }],
  dashboardPanels: [
    {
      key: "organization.overview",
      title: "overview.title",
      load: () => import("./OverviewPanel"),
      span: 24,
      order: 0,
    },
  ],
})
