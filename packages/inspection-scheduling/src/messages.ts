import type { LocalizedText, MessageCatalog } from "@xianfeng/core"
import { type ObligationStatus, obligationCode, obligationStatuses } from "./compliance.js"
import { type ObligationId, obligationTitles } from "./obligations.js"
import { refusalReasons } from "./rectification.js"

const statusText: Readonly<Record<ObligationStatus, (t: LocalizedText) => LocalizedText>> = {
  met: (t) => ({ "zh-CN": `{period}${t["zh-CN"]}已召开`, en: `the ${t.en} of {period} was held` }),
  upcoming: (t) => ({
    "zh-CN": `{period}${t["zh-CN"]}尚未到期（应于{dueBy}前召开）`,
    en: `the ${t.en} of {period} is due by {dueBy}`,
  }),
  due: (t) => ({
    "zh-CN": `{period}${t["zh-CN"]}尚未召开，应于{dueBy}前召开`,
    en: `the ${t.en} of {period} has not been held; it is due by {dueBy}`,
  }),
  overdue: (t) => ({
    "zh-CN": `{period}${t["zh-CN"]}逾期未召开（应于{dueBy}前）`,
    en: `the ${t.en} of {period} is overdue (due by {dueBy})`,
  }),
  missed: (t) => ({ "zh-CN": `{period}${t["zh-CN"]}未召开`, en: `the ${t.en} of {period} was not held` }),
}

const obligationMessages: MessageCatalog = Object.fromEntries(
  (Object.keys(obligationTitles) as ObligationId[]).flatMap((id) =>
    obligationStatuses.map((s) => [obligationCode(id, s), statusText[s](obligationTitles[id])]),
  ),
)

const refusalMessages: Readonly<Record<(typeof refusalReasons)[number], LocalizedText>> = {
  closed: { "zh-CN": "整改通知已销号，不能再操作", en: "the order is closed" },
  "empty-evidence": { "zh-CN": "请填写整改情况", en: "the evidence of rectification is empty" },
  "before-issue": {
    "zh-CN": "整改材料的日期早于下发日期",
    en: "the evidence is dated before the order was issued",
  },
  "not-submitted": {
    "zh-CN": "尚未提交整改材料，不能验收销号",
    en: "no evidence has been submitted: the order cannot be verified or closed",
  },
  "verifier-is-owner": {
    "zh-CN": "整改责任人不能验收自己的整改",
    en: "the owner of an order cannot verify it",
  },
  "reason-required": { "zh-CN": "退回整改须说明理由", en: "returning evidence needs a reason" },
  "not-overdue": {
    "zh-CN": "整改未超期，不能提级督办",
    en: "the order is not overdue and cannot be escalated",
  },
  "top-reached": { "zh-CN": "已提交至最高一级，不能再提级", en: "the order is already at the top level" },
}

const activityName = {
  "org-life": { "zh-CN": "参加党的组织生活", en: "organizational life" },
  dues: { "zh-CN": "交纳党费", en: "paying dues" },
  work: { "zh-CN": "做党所分配的工作", en: "assigned work" },
} as const

const standingMessages: MessageCatalog = Object.fromEntries(
  Object.entries(activityName).flatMap(([a, n]) => [
    [
      `STANDING-SELF-LAPSE.${a}`,
      {
        "zh-CN": `连续6个月不${n["zh-CN"]}，又无正当理由，应按自行脱党处理程序提请支部研究`,
        en: `six consecutive months without ${n.en} and no good reason: the branch should consider self-lapse`,
      },
    ],
    [
      `STANDING-SELF-LAPSE.${a}.excused`,
      {
        "zh-CN": `连续6个月未${n["zh-CN"]}，已登记正当理由（{reason}）`,
        en: `six months without ${n.en}, with a good reason recorded ({reason})`,
      },
    ],
    [
      `STANDING-SELF-LAPSE.${a}-unknown`,
      {
        "zh-CN": `缺少${n["zh-CN"]}的记录，无法判断是否连续6个月未${n["zh-CN"]}`,
        en: `no records of ${n.en} yet: cannot tell whether six months have passed without it`,
      },
    ],
  ]),
)

/** Every verdict code this package emits, in Chinese first and English. A test keeps it complete. */
export const disciplineMessages: MessageCatalog = {
  ...obligationMessages,
  ...Object.fromEntries(refusalReasons.map((r) => [`RECTIFY.${r}`, refusalMessages[r]])),
  ...standingMessages,
  "STANDING-SELF-LAPSE.org-life-unrecorded": {
    "zh-CN": "近6个月无参加组织生活的到会记录，但{since}的会议未登记到会情况，无法判断，请补录到会情况",
    en: "no attendance on file for six months, but the roll call of the sitting on {since} was not recorded: cannot tell; record it",
  },
  "STANDING-LOST-CONTACT.watch": {
    "zh-CN": "自{since}失去联系，满6个月（{dueBy}）仍无法联系的应停止党籍",
    en: "out of contact since {since}; if still unreachable on {dueBy}, membership is to be suspended",
  },
  "STANDING-LOST-CONTACT.suspend": {
    "zh-CN": "自{since}失去联系已满6个月，应按程序停止党籍",
    en: "out of contact since {since} for six months: suspend membership by procedure",
  },
  "STANDING-LOST-CONTACT.remove": {
    "zh-CN": "自{since}失去联系，停止党籍后满2年仍无法联系，应按自行脱党予以除名",
    en: "out of contact since {since} and two years past suspension: remove as self-lapse",
  },
  "STANDING-AWAY.transfer": {
    "zh-CN": "自{since}外出已满6个月且地点相对固定，应转接组织关系",
    en: "away at a fairly fixed place since {since} for six months: transfer the organizational relation",
  },
  "STANDING.ok": { "zh-CN": "未发现需要处置的情形", en: "nothing to act on" },
}
