import { CalendarOutlined, ImportOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

const importers = ["district-admin", "committee-officer"] as const

/** 数据迁移 (moving a district's data in): the import wizard and the holiday schedule, registered in src/areas.ts. */
export default defineArea({
  id: "transfer",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "import", load: () => import("./ImportPage"), roles: importers },
    { path: "calendar", load: () => import("./CalendarPage"), roles: ["district-admin"] },
  ],
  menuGroup: { label: "menu.group.transfer", order: 92 },
  menu: [
    { path: "import", label: "menu.import", icon: ImportOutlined, order: 90, roles: importers },
    {
      path: "calendar",
      label: "menu.calendar",
      icon: CalendarOutlined,
      order: 91,
      roles: ["district-admin"],
    },
  ],
  dashboardPanels: [],
})
