import { FileTextOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 党内关怀 (Care): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "care",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "care", load: () => import("./RecordsPage") }],
  menu: [{ path: "care", label: "menu.care", icon: FileTextOutlined, order: 50 }],
  dashboardPanels: [],
})
