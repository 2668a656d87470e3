// The strings of the 组织架构 (organization) area in 简体中文, the admin's first language. en.ts carries
// exactly the same keys (the compiler and src/locales/locales.test.ts check); the area registers them
// with defineArea, and the declaration below lets `t()` accept them everywhere.
export const zhCN = {
  "menu.orgs": "组织架构",
  "overview.title": "组织概况",
  "overview.scopeRoot": "所辖组织",
  "overview.childOrgs": "下级组织",
  "overview.members": "党员及发展对象",
  "overview.byStage": "各阶段人数",
  "overview.countUnit": "人数（人）",
  "overview.barLabel": "{count}人 · {share}%",
  "overview.barTooltip": "{stage}：{count}人，占五个阶段合计{total}人的{share}%",
  "overview.byStageCaption":
    "{org}各发展阶段的人数（从入党申请人到正式党员），合计{total}人；条上为该阶段人数及占合计的比例",
  "overview.count": "人数",
  "orgs.title": "组织架构",
  "orgs.tree": "组织树",
  "orgs.pickHint": "请在左侧组织树中选择一个组织，查看其党员",
  "orgs.membersOf": "{org} · 党员名单（含下级组织）",
  "orgs.kind": "组织类别",
  "orgs.childCount": "下级组织",
  "orgs.memberCount": "人数",
  "orgs.createChild": "新建下级组织",
  "orgs.createTitle": "在「{parent}」下新建下级组织",
  "orgs.edit": "编辑",
  "orgs.editTitle": "编辑组织 · {org}",
  "orgs.id": "组织编号",
  "orgs.idRequired": "请填写组织编号",
  "orgs.idHint": "1 至 63 位字母、数字或下划线，创建后不能修改",
  "orgs.name": "组织名称",
  "orgs.nameRequired": "请填写组织名称",
  "orgs.shortName": "简称",
  "orgs.shortNameKeep": "不填则保持原简称",
  "orgs.kindRequired": "请选择组织类别",
  "orgs.temporary": "临时党组织",
  "orgs.parent": "上级组织",
  "orgs.parentHint": "选择其他上级组织即可将本组织连同全部下级组织一并移动",
  "orgs.created": "已新建组织",
  "orgs.saved": "已保存",
  "orgs.noChanges": "没有修改",
  "orgs.idGenerate": "生成编号",
  "orgs.idTaken": "该组织编号已被使用",
  "orgs.stale": "该组织已被他人修改。请刷新后再改，您填写的内容不会自动保留。",
  "orgs.refresh": "刷新",
} as const

declare module "../../../i18n/messages" {
  interface AreaMessages {
    readonly organization: typeof zhCN
  }
}
