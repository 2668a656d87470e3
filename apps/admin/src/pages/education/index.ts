import { FileTextOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 教育培训 (Education and training): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "education",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "education", load: () => import("./RecordsPage") }],
  menu: [{ path: "education", label: "menu.education", icon: FileTextOutlined, order: 50 }],
  dashboardPanels: [],
})
