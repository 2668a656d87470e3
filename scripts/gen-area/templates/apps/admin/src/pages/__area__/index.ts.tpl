import { FileTextOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** __titleZh__ (__titleEn__): the area's pages, menu entries and dashboard panels, registered in src/areas.ts. */
export default defineArea({
  id: "__area__",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "__area__", load: () => import("./RecordsPage") }],
  menu: [{ path: "__area__", label: "menu.__areaCamel__", icon: FileTextOutlined, order: 50 }],
  dashboardPanels: [],
})
