import {
  type CalendarAnswer,
  compareDates,
  type MemberStage,
  nthWorkingDay,
  type PlainDate,
  type Verdict,
  verdict,
} from "@xianfeng/core"
import { hon, local } from "./citations.js"
import { type AppraisalGrade, appraisalGrades, type CarePolicy } from "./policy.js"

/**
 * July-1 commendations (两优一先): `outstanding-member` 优秀共产党员, `party-worker` 优秀党务工作者,
 * `advanced-org` 先进基层党组织 (HON 16). Nominations go nominated → vetted (审查, incl. the discipline body)
 * → noticed (公示, working days) → approved, or are withdrawn.
 */
export const commendationTitles = ["outstanding-member", "party-worker", "advanced-org"] as const
export type CommendationTitle = (typeof commendationTitles)[number]

/** Each title's name as the regulations and the ledgers spell it (HON 16). */
export const commendationTitleZh: Readonly<Record<CommendationTitle, string>> = {
  "outstanding-member": "优秀共产党员",
  "party-worker": "优秀党务工作者",
  "advanced-org": "先进基层党组织",
}

export const nominationStages = ["nominated", "vetted", "noticed", "approved", "withdrawn"] as const
export type NominationStage = (typeof nominationStages)[number]

/** A person nominated, with the references the vetting looks at (appraisal grades arrive as data). */
export interface NomineeFacts {
  readonly title: CommendationTitle
  /** The award year (commendations are around 1 July). */
  readonly year: number
  readonly stage?: MemberStage
  /** 民主评议 grades by year. */
  readonly grades: ReadonlyMap<number, AppraisalGrade>
  /** Years of party-affairs work (for `party-worker`). */
  readonly partyWorkYears?: number
  /** Under a sanction or an open case (from the discipline body's vetting). */
  readonly sanctioned: boolean
  /** Already nominated for the other personal title this year (one person, one title). */
  readonly otherTitle: boolean
}

const rank = (g: AppraisalGrade) => appraisalGrades.indexOf(g)

/**
 * `COMMEND-ELIGIBLE`: for a personal title, the nominee is a full member (`.stage`), not under sanction
 * (`.sanctioned`), not nominated for the other personal title (`.one-title`), with an appraisal grade at least
 * the policy's in each of the policy's years before the award year (`.grade`, or `.grade-missing` when a year
 * has none); a party-affairs worker has the policy's years of party work (`.work-years`). All blocked; else
 * `.ok` (allowed). An organization is judged by the vetting alone.
 */
export const nomineeVerdicts = (n: NomineeFacts, policy: CarePolicy): readonly Verdict[] => {
  if (n.title === "advanced-org") return [verdict("allowed", "COMMEND-ELIGIBLE.ok", [hon(16)])]
  const out: Verdict[] = []
  if (n.stage !== "full") out.push(verdict("blocked", "COMMEND-ELIGIBLE.stage", [hon(16)]))
  if (n.sanctioned) out.push(verdict("blocked", "COMMEND-ELIGIBLE.sanctioned", [hon(16)]))
  if (n.otherTitle) out.push(verdict("blocked", "COMMEND-ELIGIBLE.one-title", [local()]))
  for (let y = n.year - policy.commendationGradeYears; y < n.year; y++) {
    const g = n.grades.get(y)
    if (g === undefined)
      out.push(verdict("blocked", "COMMEND-ELIGIBLE.grade-missing", [local()], { year: y }))
    else if (rank(g) > rank(policy.commendationMinGrade))
      out.push(verdict("blocked", "COMMEND-ELIGIBLE.grade", [local()], { year: y, grade: g }))
  }
  if (n.title === "party-worker" && (n.partyWorkYears ?? 0) < policy.partyWorkerMinYears)
    out.push(
      verdict("blocked", "COMMEND-ELIGIBLE.work-years", [local()], {
        years: n.partyWorkYears ?? 0,
        min: policy.partyWorkerMinYears,
      }),
    )
  return out.length > 0 ? out : [verdict("allowed", "COMMEND-ELIGIBLE.ok", [hon(16)])]
}

/**
 * An organization's quota (名额): the policy's percentage of its full members, rounded down, at least 1 when it
 * has any full member ("好中选优、规模适度").
 */
export const quotaFor = (fullMembers: number, policy: CarePolicy): number =>
  fullMembers <= 0 ? 0 : Math.max(1, Math.floor((fullMembers * policy.commendationQuotaPercent) / 100))

/** `COMMEND-QUOTA`: a nomination beyond the organization's quota is refused (the quota is a cap). */
export const quotaVerdict = (nominatedSoFar: number, quota: number): Verdict =>
  nominatedSoFar >= quota
    ? verdict("blocked", "COMMEND-QUOTA.full", [hon(16), local()], { quota })
    : verdict("allowed", "COMMEND-QUOTA.ok", [hon(16)], { left: quota - nominatedSoFar })

/** The last day of the public notice (公示): `noticeWorkingDays` working days from its first day (core's calendar). */
export const noticeEnds = (startsOn: PlainDate, policy: CarePolicy): CalendarAnswer<PlainDate> =>
  nthWorkingDay(startsOn, policy.noticeWorkingDays)

const next: Readonly<Record<NominationStage, readonly NominationStage[]>> = {
  nominated: ["vetted", "withdrawn"],
  vetted: ["noticed", "withdrawn"],
  noticed: ["approved", "withdrawn"],
  approved: [],
  withdrawn: [],
}

/**
 * `COMMEND-STEP`: a nomination moves one stage at a time (`.order`); approval comes only after the notice has
 * run its full term with no objection upheld (`.notice`), and is blocked when the calendar cannot say when it
 * ends (`.calendar`). Else `.ok`.
 */
export const stepVerdict = (
  from: NominationStage,
  to: NominationStage,
  asOf: PlainDate,
  notice?: { readonly endsOn: CalendarAnswer<PlainDate>; readonly objectionUpheld: boolean },
): Verdict => {
  if (!next[from].includes(to)) return verdict("blocked", "COMMEND-STEP.order", [hon(16)], { from, to })
  if (to === "approved") {
    if (notice === undefined || notice.endsOn._tag === "Unknown")
      return verdict("blocked", "COMMEND-STEP.calendar", [local()])
    if (notice.objectionUpheld || compareDates(asOf, notice.endsOn.value) <= 0)
      return verdict("blocked", "COMMEND-STEP.notice", [hon(16), local()], { endsOn: notice.endsOn.value })
  }
  return verdict("ok", "COMMEND-STEP.ok", [hon(16)], { to })
}
