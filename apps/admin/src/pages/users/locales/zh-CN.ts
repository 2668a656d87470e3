// The strings of the 用户与角色 (users) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.users": "用户与角色",
  "users.title": "用户与角色",
  "users.create": "新建用户",
  "users.username": "用户名",
  "users.displayName": "姓名",
  "users.role": "角色",
  "users.org": "所属组织",
  "users.password": "初始密码",
  "users.status": "状态",
  "users.enabled": "正常",
  "users.disabled": "已停用",
  "users.disable": "停用",
  "users.enable": "启用",
  "users.actions": "操作",
  "users.created": "用户已创建",
  "users.updated": "已保存",
  "users.usernameRequired": "请输入用户名",
  "users.usernameFormat": "3–32 位小写字母、数字、下划线或短横线",
  "users.displayNameRequired": "请输入姓名",
  "users.roleRequired": "请选择角色",
  "users.orgRequired": "请选择所属组织",
  "users.passwordRequired": "请输入初始密码",
  "users.passwordLength": "密码至少 10 位",
  "users.confirmDisable": "确定停用用户 {name}？停用后该用户无法登录。",
  "users.changeRole": "改角色",
  "users.changeRoleOf": "修改 {name} 的角色",
  "users.changeRoleHint": "改角色后，该用户的所有会话和令牌立即失效，需重新登录。",
  "users.roleChanged": "角色已修改",
  "users.resetPassword": "重置密码",
  "users.resetPasswordOf": "重置 {name} 的密码",
  "users.resetPasswordHint":
    "重置后，该用户的所有会话和令牌立即失效，须用新密码登录。请当面或经可靠渠道告知新密码。",
  "users.newPassword": "新密码",
  "users.passwordAgain": "再次输入新密码",
  "users.passwordMismatch": "两次输入的密码不一致",
  "users.passwordReset": "密码已重置",
  "users.ownerOnly": "三员角色由数据库所有者在服务器上办理",
  "users.empty": "暂无用户",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly users: typeof zhCN
  }
}
