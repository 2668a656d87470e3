// The strings of the 党员 (members) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.members": "党员",
  "members.export": "导出名册（Excel）",
  "members.exported": "已导出：{name}（按当前筛选条件，身份证号已脱敏）",
  "members.exportFailed": "导出失败：{reason}",
  "members.title": "党员",
  "members.searchPlaceholder": "姓名、拼音或拼音首字母（如 zs）",
  "members.stageFilter": "发展阶段",
  "members.allStages": "全部阶段",
  "members.name": "姓名",
  "members.sex": "性别",
  "members.birthDate": "出生日期",
  "members.stage": "阶段",
  "members.org": "所在组织",
  "members.idNumber": "身份证号",
  "members.phone": "联系电话",
  "members.empty": "没有符合条件的人员",
  "members.filteredByOrg": "仅显示：{org}（含下级组织）",
  "members.clearOrg": "清除组织筛选",
  "member.title": "党员信息",
  "member.basic": "基本信息",
  "member.milestones": "发展历程",
  "member.ethnicity": "民族",
  "member.education": "学历",
  "member.occupationGroup": "工作岗位",
  "member.status": "状态",
  "member.appliedOn": "递交入党申请书",
  "member.activistOn": "确定为入党积极分子",
  "member.developmentObjectOn": "确定为发展对象",
  "member.admittedOn": "接收为预备党员",
  "member.fullMemberOn": "转为正式党员",
  "member.version": "版本",
  "member.reveal": "查看完整身份证号",
  "member.revealTitle": "查看完整身份证号",
  "member.revealNotice": "查看完整身份证号将被记录到审计日志，本人可查看谁查阅了其档案。请说明用途。",
  "member.revealReason": "查看事由",
  "member.revealReasonRequired": "请填写查看事由（至少 4 个字）",
  "member.revealReasonPlaceholder": "如：办理组织关系转接，需核对身份信息",
  "member.revealResult": "完整身份证号",
  "member.revealResultNotice": "请勿截屏、复制或转发。关闭窗口后不再显示。",
  "member.maskedHint": "已脱敏",
  "member.edit": "编辑",
  "member.editTitle": "编辑党员信息",
  "member.saved": "已保存",
  "member.stale": "这条记录已被他人修改。请重新加载后再改，您填写的内容不会自动保留。",
  "member.reload": "重新加载",
  "member.nameRequired": "请输入姓名",
  "member.noChanges": "没有修改任何内容",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly members: typeof zhCN
  }
}
