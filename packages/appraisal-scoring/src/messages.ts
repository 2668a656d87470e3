import type { LocalizedText, MessageCatalog } from "@xianfeng/core"
import { type Grade, gradeNames, grades, tierNames, tiers } from "./grades.js"
import { type IndicatorKey, indicatorKeys } from "./secretary.js"
import { type LadderStep, ladderSteps } from "./unqualified.js"

/** 党员教育管理指标 the names of the member-education indicators. */
export const indicatorNames: Readonly<Record<IndicatorKey, LocalizedText>> = {
  meetings: { "zh-CN": "“三会一课”落实率", en: "meetings and lectures held" },
  ordersOnTime: { "zh-CN": "整改按期销号率", en: "rectification orders closed on time" },
  development: { "zh-CN": "发展党员质量", en: "quality of member development" },
  studyHours: { "zh-CN": "党员学习学时达标率", en: "members meeting their study hours" },
  visits: { "zh-CN": "走访慰问完成率", en: "visits done" },
}

export const stepNames: Readonly<Record<LadderStep, LocalizedText>> = {
  criticism: { "zh-CN": "批评教育", en: "criticism and education" },
  reminder: { "zh-CN": "提醒谈话", en: "reminder talk" },
  correction: { "zh-CN": "限期改正", en: "time-limited correction" },
  persuasion: { "zh-CN": "劝退", en: "persuasion to quit" },
  removal: { "zh-CN": "除名", en: "removal" },
}

const perGrade = (
  code: string,
  text: (g: LocalizedText) => LocalizedText,
  list: readonly Grade[] = grades,
): MessageCatalog => Object.fromEntries(list.map((g) => [`${code}.${g}`, text(gradeNames[g])]))

const gradeLine: Readonly<Record<Grade, LocalizedText>> = {
  excellent: { "zh-CN": "达到优秀线{line}分", en: "at or above the excellent line of {line}" },
  qualified: { "zh-CN": "达到合格线{line}分", en: "at or above the qualified line of {line}" },
  basic: { "zh-CN": "达到基本合格线{line}分", en: "at or above the basic line of {line}" },
  unqualified: { "zh-CN": "低于基本合格线{line}分", en: "below the basic line of {line}" },
}

/** Every verdict code this package emits, in Chinese first and English. A test keeps it complete. */
export const appraisalMessages: MessageCatalog = {
  ...Object.fromEntries(
    grades.map((g) => [
      `APPR-GRADE.${g}`,
      {
        "zh-CN": `{raters}人测评，综合得分{score}分，${gradeLine[g]["zh-CN"]}，建议等次“${gradeNames[g]["zh-CN"]}”`,
        en: `rated by {raters}, score {score}, ${gradeLine[g].en}: suggested ${gradeNames[g].en}`,
      },
    ]),
  ),
  "APPR-GRADE.not-graded": {
    "zh-CN": "预备党员参加评议，不评定等次",
    en: "probationary members take part but are not graded",
  },
  "APPR-GRADE.no-ratings": {
    "zh-CN": "尚无党员互评结果，不能提出建议等次",
    en: "no peer ratings yet: no grade can be suggested",
  },
  "APPR-GRADE.too-few-raters": {
    "zh-CN": "仅{raters}人测评，少于{minimum}人，不计算得分、不提出建议等次，由支部结合日常表现评定",
    en: "rated by {raters}, fewer than {minimum}: no score or suggestion; the branch grades from daily conduct",
  },
  "APPR-CAP.over": {
    "zh-CN":
      "综合得分{score}分达到优秀线，但优秀一般不超过参评人数的三分之一（{graded}人中{cap}名），排名在名额之外，建议“合格”",
    en: "score {score} reaches the excellent line, but excellent is capped ({cap} of {graded}) and this member ranks outside it: suggested qualified",
  },
  "APPR-CAP.tie": {
    "zh-CN":
      "综合得分{score}分与他人并列于优秀名额（{graded}人中{cap}名）的界线上，并列者均建议“合格”，由支部结合日常表现研究",
    en: "score {score} ties with others across the excellent cap ({cap} of {graded}): all tied are suggested qualified, for the branch to weigh",
  },
  ...perGrade("APPR-PROPOSED.same", (g) => ({
    "zh-CN": `支部提出等次“${g["zh-CN"]}”`,
    en: `the branch proposed ${g.en}`,
  })),
  ...perGrade("APPR-PROPOSED.differs", (g) => ({
    "zh-CN": `支部结合日常表现提出等次“${g["zh-CN"]}”，理由：{reason}`,
    en: `the branch proposed ${g.en} in view of daily conduct: {reason}`,
  })),
  ...perGrade("APPR-CONFIRMED.same", (g) => ({
    "zh-CN": `上级党组织审核确定等次“${g["zh-CN"]}”`,
    en: `the higher committee confirmed ${g.en}`,
  })),
  ...perGrade("APPR-CONFIRMED.changed", (g) => ({
    "zh-CN": `上级党组织审核改定等次为“${g["zh-CN"]}”，理由：{reason}`,
    en: `the higher committee set the grade to ${g.en}: {reason}`,
  })),
  "UNQ-CASE.open": {
    "zh-CN": "自{since}评为不合格，应先进行批评教育",
    en: "graded unqualified since {since}: education comes first",
  },
  "UNQ-CASE.corrected": { "zh-CN": "已改正，于{on}办结", en: "corrected; closed on {on}" },
  "UNQ-CASE.removed": { "zh-CN": "已于{on}除名", en: "removed on {on}" },
  ...Object.fromEntries(
    ladderSteps.flatMap((s) => [
      [
        `UNQ-STEP.${s}.due`,
        { "zh-CN": `${stepNames[s]["zh-CN"]}应于{dueBy}前完成`, en: `${stepNames[s].en} is due by {dueBy}` },
      ],
      [
        `UNQ-STEP.${s}.overdue`,
        s === "correction"
          ? {
              "zh-CN": "限期改正已于{dueBy}期满，支部应研究是否已改正；仍无转变的，应劝其退党",
              en: "the correction period ended on {dueBy}: the branch decides whether the member corrected; if not, persuade to quit",
            }
          : {
              "zh-CN": `${stepNames[s]["zh-CN"]}应于{dueBy}前完成，已逾期`,
              en: `${stepNames[s].en} was due by {dueBy} and is overdue`,
            },
      ],
    ]),
  ),
  "SEC-REPORT.missing": { "zh-CN": "未提交述职报告，不能评定等次", en: "no debriefing report: no grade" },
  "SEC-RATING.none": { "zh-CN": "尚无民主测评结果，不能评定等次", en: "no democratic rating yet: no grade" },
  ...Object.fromEntries(
    indicatorKeys.map((k) => [
      `SEC-INDICATOR.missing.${k}`,
      {
        "zh-CN": `${indicatorNames[k]["zh-CN"]}尚无数据，未计入`,
        en: `${indicatorNames[k].en}: no data, left out of the score`,
      },
    ]),
  ),
  ...Object.fromEntries(
    tiers.map((t) => [
      `SEC-TIER.${t}`,
      {
        "zh-CN": `综合得分{score}分，等次“${tierNames[t]["zh-CN"]}”`,
        en: `score {score}: ${tierNames[t].en}`,
      },
    ]),
  ),
  "SEC-CAP.over": {
    "zh-CN":
      "综合得分{score}分达到“好”的分数线，但“好”的名额为{graded}人中{cap}名，排名在名额之外，定为“较好”",
    en: "score {score} reaches 'good', but 'good' is capped ({cap} of {graded}): fairly good",
  },
  "SEC-CAP.tie": {
    "zh-CN": "综合得分{score}分与他人并列于“好”的名额（{graded}人中{cap}名）界线上，并列者均定为“较好”",
    en: "score {score} ties across the 'good' cap ({cap} of {graded}): all tied are fairly good",
  },
}
