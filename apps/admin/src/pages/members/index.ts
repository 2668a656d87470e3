import { TeamOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 党员: finding people (by name or pinyin initials) and their files. */
export default defineArea({
  id: "members",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "members", load: () => import("./MemberListPage") },
    { path: "members/:id", load: () => import("./MemberDetailPage") },
  ],
  menu: [{ path: "members", label: "menu.members", icon: TeamOutlined, order: 20 }],
  dashboardPanels: [],
})
