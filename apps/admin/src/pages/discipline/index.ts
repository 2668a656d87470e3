import { FileTextOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 组织生活与督查 (Organizational life and inspections): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "discipline",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "discipline", load: () => import("./RecordsPage") }],
  menu: [{ path: "discipline", label: "menu.discipline", icon: FileTextOutlined, order: 50 }],
  dashboardPanels: [],
})
