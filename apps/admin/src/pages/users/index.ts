import { AlertOutlined, KeyOutlined, SafetyCertificateOutlined } from "@ant-design/icons"
import { defineArea } from "../../shell/area"
import { mfaRoles, usersPageRoles } from "./duties"
import { en } from "./locales/en"
import { zhCN } from "./locales/zh-CN"

/**
 * 用户与角色 and 账号安全: accounts of the people who use the admin (the district administrator and the
 * system and security administrators, each with its own duties — duties.ts), the caller's own second factor
 * (the administrators), and the security events the security administrator reviews.
 */
export default defineArea({
  id: "users",
  messages: { "zh-CN": zhCN, en },
  routes: [
    { path: "users", load: () => import("./UsersPage"), roles: usersPageRoles },
    { path: "account/security", load: () => import("./AccountSecurityPage"), roles: mfaRoles },
    { path: "security/refusals", load: () => import("./RefusalsPage"), roles: ["security-admin"] },
  ],
  menuGroup: { label: "menu.group.users", order: 90 },
  menu: [
    {
      path: "users",
      label: "menu.users",
      icon: SafetyCertificateOutlined,
      order: 90,
      roles: usersPageRoles,
    },
    {
      path: "security/refusals",
      label: "menu.refusals",
      icon: AlertOutlined,
      order: 91,
      roles: ["security-admin"],
    },
    {
      path: "account/security",
      label: "menu.accountSecurity",
      icon: KeyOutlined,
      order: 95,
      roles: mfaRoles,
    },
  ],
  dashboardPanels: [],
})
