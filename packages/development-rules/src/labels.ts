import type { LocalizedText } from "@xianfeng/core"
import type {
  ArchiveItem,
  CommitteeLevel,
  PoliticalReviewItem,
  PreReviewLevel,
  SanctionKind,
} from "./steps.js"

export const politicalReviewItemLabels: Readonly<Record<PoliticalReviewItem, LocalizedText>> = {
  beliefs: { "zh-CN": "理想信念", en: "beliefs" },
  "political-conduct": { "zh-CN": "“两个确立”“四个意识”等方面的实际表现", en: "political conduct" },
  "attitude-to-line": { "zh-CN": "对党的理论和路线、方针、政策的态度", en: "attitude to the party's line" },
  "political-history": { "zh-CN": "政治历史和在重大政治斗争中的表现", en: "political history" },
  "urgent-tasks": { "zh-CN": "在急难险重任务中的表现", en: "conduct in urgent, difficult tasks" },
  "law-and-ethics": { "zh-CN": "遵纪守法和遵守社会公德、家庭美德情况", en: "law-abidance and ethics" },
  "online-behaviour": { "zh-CN": "网络行为", en: "online behaviour" },
  "family-and-relations": { "zh-CN": "直系亲属和重要社会关系的政治情况", en: "family and social relations" },
}

export const archiveItemLabels: Readonly<Record<ArchiveItem, LocalizedText>> = {
  "application-form": { "zh-CN": "入党志愿书", en: "application form" },
  "application-letter": { "zh-CN": "入党申请书", en: "application letter" },
  "activist-register": { "zh-CN": "入党积极分子培养考察登记表", en: "activist register" },
  "political-review": { "zh-CN": "政治审查材料", en: "political review materials" },
  "probation-register": { "zh-CN": "预备党员教育考察登记表", en: "probation register" },
  "conversion-application": { "zh-CN": "转正申请书", en: "conversion application" },
}

export const sanctionLabels: Readonly<Record<SanctionKind, LocalizedText>> = {
  warning: { "zh-CN": "警告", en: "warning" },
  "serious-warning": { "zh-CN": "严重警告", en: "serious warning" },
  "removal-from-post": { "zh-CN": "撤销党内职务", en: "removal from party post" },
  "party-probation": { "zh-CN": "留党察看", en: "probation within the party" },
}

export const preReviewLevelLabels: Readonly<Record<PreReviewLevel, LocalizedText>> = {
  branch: { "zh-CN": "党支部", en: "branch" },
  "party-committee": { "zh-CN": "党（工）委", en: "party (working) committee" },
  "org-department": { "zh-CN": "区委组织部", en: "district organization department" },
}

export const committeeLevelLabels: Readonly<Record<CommitteeLevel, LocalizedText>> = {
  "central-committee": { "zh-CN": "党中央", en: "the Central Committee" },
  "provincial-committee": { "zh-CN": "省（自治区、直辖市）党委", en: "a provincial committee" },
  "city-committee": { "zh-CN": "市级党委", en: "a city committee" },
  "county-committee": { "zh-CN": "县级党委", en: "a county committee" },
  "grassroots-committee": { "zh-CN": "基层党委", en: "a grassroots committee" },
}

/** Both renderings of a list of labelled keys, as verdict parameters `{name}` and `{nameZh}`. */
export const labelList = <K extends string>(
  keys: readonly K[],
  labels: Readonly<Record<K, LocalizedText>>,
): { en: string; zh: string } => ({
  en: keys.map((k) => labels[k].en).join(", "),
  zh: keys.map((k) => labels[k]["zh-CN"]).join("、"),
})
