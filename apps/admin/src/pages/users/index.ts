import { SafetyCertificateOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { usersPageRoles } from "./duties"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 用户与角色: accounts of the people who use the admin. The district administrator, the system administrator and the security administrator see them (三员: duties.ts). */
export default defineArea({
  id: "users",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "users", load: () => import("./UsersPage"), roles: usersPageRoles }],
  menu: [
    {
      path: "users",
      label: "menu.users",
      icon: SafetyCertificateOutlined,
      order: 90,
      roles: usersPageRoles,
    },
  ],
  dashboardPanels: [],
})
