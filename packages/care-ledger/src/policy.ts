import { definePolicy, type PolicyValues, policyKey } from "@xianfeng/core"
import { Schema } from "effect"
import { dues, hon, local, med, pc, visit } from "./citations.js"

const Int = (minimum: number, maximum: number) => Schema.Int.check(Schema.isBetween({ minimum, maximum }))

/** How a dues amount of a fraction of a fen is made whole: to the nearest fen (half up), down or up. */
export const duesRoundings = ["half-up", "down", "up"] as const
export type DuesRounding = (typeof duesRoundings)[number]

/** The ledger's categories (see `careCategories` in ledger.ts); repeated here so the policy can name them. */
export const careCategoryIds = [
  "old-member",
  "difficulty",
  "died-on-duty-family",
  "hospitalized",
  "disaster",
  "bereaved",
  "pre-1949",
] as const
export type CareCategory = (typeof careCategoryIds)[number]

/** A member's appraisal grade (民主评议 等次), best first. */
/**
 * What keeps a member of 50 years off the medal as not "in good standing" (一贯表现良好), each read from the area
 * that holds it and passed in as data: `dues-self-lapse` six or more months of dues unpaid in a row (PC 9, the
 * care area's dues), `meetings-self-lapse` six or more months since the member last attended the branch's
 * organizational life (PC 9, the discipline area's roll calls), `unqualified-case` an open case of an unqualified
 * member (不合格党员处置, the appraisal area). A status other than normal (suspended, lost contact) always does.
 */
export const medalStandingBars = ["dues-self-lapse", "meetings-self-lapse", "unqualified-case"] as const
export type MedalStandingBar = (typeof medalStandingBars)[number]

export const appraisalGrades = ["excellent", "qualified", "basically-qualified", "unqualified"] as const
export type AppraisalGrade = (typeof appraisalGrades)[number]

/**
 * What a district may set in 党内关怀 (Care): every fact the reference marks as local practice [P]
 * or unsure [?] is a key here with its national default, never a constant in a rule.
 */
export const carePolicy = definePolicy("care", {
  farmerMonthlyFen: policyKey({
    schema: Int(20, 100),
    default: 20,
    description: {
      "zh-CN": "农民党员每月党费（分）：0.2–1元，由省级党委组织部确定",
      en: "Monthly dues of farmer members in fen: ¥0.2–1, set by the province",
    },
    confidence: "S",
    citations: [dues(5)],
  }),
  reliefMonthlyFen: policyKey({
    schema: Int(0, 100),
    default: 20,
    description: {
      "zh-CN": "学生、下岗失业、领取救济金或最低生活保障党员每月党费（分），规定为0.2元",
      en: "Monthly dues of students, the unemployed and members on relief, in fen (¥0.2 by the rules)",
    },
    confidence: "S",
    citations: [dues(5)],
  }),
  duesRounding: policyKey({
    schema: Schema.Literals(duesRoundings),
    default: "half-up" as DuesRounding,
    description: {
      "zh-CN": "党费不足一分时的取整方式：四舍五入到分（默认）、舍去或进一",
      en: "How an amount with a fraction of a fen is made whole: to the nearest fen (default), down or up",
    },
    confidence: "?",
    citations: [local()],
  }),
  oldMemberAge: policyKey({
    schema: Int(60, 120),
    default: 80,
    description: {
      "zh-CN": "列入老党员台账的年龄（周岁，本区规定；与党龄条件满足其一即可）",
      en: "Age from which a member is an 'old member' of the ledger (district rule; either this or the party age)",
    },
    confidence: "P",
    citations: [local()],
  }),
  oldMemberPartyAge: policyKey({
    schema: Int(30, 90),
    default: 50,
    description: {
      "zh-CN": "列入老党员台账的党龄（年，自转正之日起算；默认与“光荣在党50年”一致）",
      en: "Party age from which a member is an 'old member' (years from full membership; default as the 50-year medal)",
    },
    confidence: "P",
    citations: [local()],
  }),
  visitCategories: policyKey({
    schema: Schema.Array(Schema.Literals(careCategoryIds)),
    default: ["pre-1949", "difficulty", "died-on-duty-family", "old-member"] as readonly CareCategory[],
    description: {
      "zh-CN": "节日走访慰问必须列入的台账类别（1949年前入党的党员无论如何都必须走访）",
      en: "Ledger categories a festival visit plan must include (members who joined before 1949 are always included)",
    },
    confidence: "P",
    citations: [visit(), local()],
  }),
  visitLeadDays: policyKey({
    schema: Int(0, 60),
    default: 1,
    description: {
      "zh-CN": "走访慰问须在节日前几天完成（慰问金须在节前送到）",
      en: "How many days before the festival the visits must be done (money must arrive before the festival)",
    },
    confidence: "P",
    citations: [visit()],
  }),
  commendationQuotaPercent: policyKey({
    schema: Int(1, 33),
    default: 5,
    description: {
      "zh-CN": "“两优一先”推荐名额占正式党员人数的百分比（“好中选优、规模适度”，本区规定）",
      en: "Commendation quota as a percentage of full members ('the best of the good, a modest number'; district rule)",
    },
    confidence: "P",
    citations: [hon(16), local()],
  }),
  commendationMinGrade: policyKey({
    schema: Schema.Literals(appraisalGrades),
    default: "qualified" as AppraisalGrade,
    description: {
      "zh-CN": "被推荐为优秀共产党员、优秀党务工作者，近年民主评议等次不得低于",
      en: "The lowest appraisal grade in the recent years with which a person may be nominated",
    },
    confidence: "P",
    citations: [local()],
  }),
  commendationGradeYears: policyKey({
    schema: Int(1, 5),
    default: 1,
    description: {
      "zh-CN": "考察民主评议等次的年数（推荐年度之前的年度）",
      en: "How many appraisal years before the award year are looked at",
    },
    confidence: "P",
    citations: [local()],
  }),
  partyWorkerMinYears: policyKey({
    schema: Int(0, 10),
    default: 2,
    description: {
      "zh-CN": "优秀党务工作者须从事党务工作的年限",
      en: "Years of party-affairs work an outstanding party-affairs worker must have",
    },
    confidence: "P",
    citations: [local()],
  }),
  medalStandingBars: policyKey({
    schema: Schema.Array(Schema.Literals(medalStandingBars)),
    default: [...medalStandingBars] as readonly MedalStandingBar[],
    description: {
      "zh-CN":
        "“光荣在党50年”纪念章审核中视为表现不良、暂不颁发的情形：连续6个月不交党费、连续6个月不参加组织生活、正在进行的不合格党员处置（默认三项都算；停止党籍、失联的党员一律暂不颁发）",
      en: "What counts against good standing for the 50-year medal: six months of dues unpaid, six months without organizational life, an open unqualified-member case (default all three; suspended or lost-contact members never qualify)",
    },
    confidence: "P",
    citations: [med(), pc(9), local()],
  }),
  noticeWorkingDays: policyKey({
    schema: Int(1, 30),
    default: 5,
    description: {
      "zh-CN": "表彰人选公示的工作日数",
      en: "Working days the nominees are publicly announced before approval",
    },
    confidence: "P",
    citations: [hon(16), local()],
  }),
})

/** The policy in force: the national defaults with a district's overlay applied (`applyOverlay`). */
export type CarePolicy = PolicyValues<typeof carePolicy.keys>

/** The national defaults. */
export const nationalPolicy: CarePolicy = carePolicy.defaults
