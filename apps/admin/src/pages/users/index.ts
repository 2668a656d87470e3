import { SafetyCertificateOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/** 用户与角色: accounts of the people who use the admin. Only the organization department manages them. */
export default defineArea({
  id: "users",
  messages: { "zh-CN": zhCN, en },
  routes: [{ path: "users", load: () => import("./UsersPage"), roles: ["district-admin"] }],
  menu: [
    {
      path: "users",
      label: "menu.users",
      icon: SafetyCertificateOutlined,
      order: 90,
      roles: ["district-admin"],
    },
  ],
  dashboardPanels: [],
})
