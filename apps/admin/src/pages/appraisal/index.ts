import { FileTextOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 评议考核 (Appraisal): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "appraisal",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "appraisal", load: () => import("./RecordsPage") }],
  menu: [{ path: "appraisal", label: "menu.appraisal", icon: FileTextOutlined, order: 50 }],
  dashboardPanels: [],
})
