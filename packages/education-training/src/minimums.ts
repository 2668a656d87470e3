import { isAfter, isBefore, type PlainDate, type Rule, type Verdict, verdict } from "@xianfeng/core"
import { Temporal } from "temporal-polyfill"
import { em, pl19 } from "./citations.js"
import type { EducationPolicy } from "./policy.js"

/** Posts that make a member a grassroots cadre for training (书记、副书记、委员). */
export const cadrePosts = ["secretary", "deputy-secretary", "committee-member"] as const
export type CadrePost = (typeof cadrePosts)[number]

/** Why a member is not held to the hour minimums (EM 23: old, frail, seriously ill — study is brought to them). */
export const exemptionReasons = ["old", "frail", "ill"] as const
export type ExemptionReason = (typeof exemptionReasons)[number]

/** What the minimums depend on for one member and one calendar year. */
export interface StudyYearInput {
  readonly memberId: string
  readonly year: number
  /** Credited tenths of a class hour in the year (`creditStudy` → `studyTotals`). */
  readonly tenths: number
  /** Days of centralized training sessions credited to the member (any year: the new-post windows cross years). */
  readonly centralizedDates: readonly PlainDate[]
  /** Posts held, each from the day taken. */
  readonly posts: readonly { readonly post: CadrePost; readonly since: PlainDate }[]
  /** 入党日期 and 转正日期, when known. */
  readonly admittedOn?: PlainDate | undefined
  readonly fullMemberOn?: PlainDate | undefined
  /** An exemption for the year, with how study is brought to the member (送学上门). */
  readonly exemption?: { readonly reason: ExemptionReason; readonly studyBrought: string } | undefined
  /** The caller's today. */
  readonly asOf: PlainDate
}

// A subtree's statistics judge every member's year (79,141 for a committee of the province): the year's bounds are
// made once per year, not by the polyfill for every member and rule (dates are immutable, so sharing is safe).
const yearBounds = new Map<number, { readonly start: PlainDate; readonly end: PlainDate }>()
const boundsOf = (year: number) => {
  let b = yearBounds.get(year)
  if (b === undefined) {
    b = {
      start: Temporal.PlainDate.from({ year, month: 1, day: 1 }),
      end: Temporal.PlainDate.from({ year, month: 12, day: 31 }),
    }
    if (yearBounds.size >= 64) yearBounds.clear()
    yearBounds.set(year, b)
  }
  return b
}
const yearEnd = (year: number) => boundsOf(year).end
const yearStart = (year: number) => boundsOf(year).start
const pending = (asOf: PlainDate, deadline: PlainDate) => (isAfter(asOf, deadline) ? "overdue" : "due")
const trainedIn = (dates: readonly PlainDate[], from: PlainDate, to: PlainDate) =>
  dates.some((d) => !isBefore(d, from) && !isAfter(d, to))

/**
 * `STUDY-MEMBER-HOURS` (EM 20): a member studies at least `memberMinHours` (32) class hours a year: `ok`;
 * fewer: `due` until 31 December, `overdue` after, with the shortfall `short` in hours (exact to the tenth). An exempted member (EM 23: old, frail, seriously ill) is
 * `allowed` (`.exempt`) whatever the hours, with how study is brought to them.
 */
export const memberHoursRule: Rule<StudyYearInput, EducationPolicy> = {
  id: "STUDY-MEMBER-HOURS",
  title: { "zh-CN": "党员年度学习学时", en: "A member's yearly study hours" },
  citations: [em(20), em(23)],
  check: (i, policy) => {
    const hours = i.tenths / 10
    const min = policy.memberMinHours
    if (i.exemption !== undefined)
      return [
        verdict("allowed", "STUDY-MEMBER-HOURS.exempt", [em(23)], {
          reason: i.exemption.reason,
          brought: i.exemption.studyBrought,
          hours,
        }),
      ]
    if (i.tenths >= min * 10) return [verdict("ok", "STUDY-MEMBER-HOURS.ok", [em(20)], { hours, min })]
    const end = yearEnd(i.year)
    return [
      verdict(
        pending(i.asOf, end),
        "STUDY-MEMBER-HOURS.below",
        [em(20)],
        // In tenths, then to hours: 32 − 30.8 in floating point is 1.1999999999999993.
        { hours, min, short: (min * 10 - i.tenths) / 10 },
        end,
      ),
    ]
  },
}

const postsInYear = (i: StudyYearInput) => i.posts.filter((p) => !isAfter(p.since, yearEnd(i.year)))

/**
 * `STUDY-CADRE-HOURS` (PL19): a secretary, deputy secretary or committee member holding the post in the year
 * studies at least `cadreMinHours` (56) class hours, with at least one centralized training: `ok`; otherwise
 * `due`/`overdue` as above, the code naming what is missing (`.hours`, `.centralized`). Exempted members:
 * nothing. Members without a post: nothing.
 */
export const cadreHoursRule: Rule<StudyYearInput, EducationPolicy> = {
  id: "STUDY-CADRE-HOURS",
  title: { "zh-CN": "书记和班子成员年度学时", en: "Secretaries' and committee members' yearly hours" },
  citations: [pl19(3)],
  check: (i, policy) => {
    if (i.exemption !== undefined || postsInYear(i).length === 0) return []
    const hours = i.tenths / 10
    const min = policy.cadreMinHours
    const centralized = trainedIn(i.centralizedDates, yearStart(i.year), yearEnd(i.year))
    const out: Verdict[] = []
    const end = yearEnd(i.year)
    if (i.tenths < min * 10)
      out.push(verdict(pending(i.asOf, end), "STUDY-CADRE-HOURS.hours", [pl19(3)], { hours, min }, end))
    if (!centralized)
      out.push(verdict(pending(i.asOf, end), "STUDY-CADRE-HOURS.centralized", [pl19(3)], {}, end))
    return out.length > 0 ? out : [verdict("ok", "STUDY-CADRE-HOURS.ok", [pl19(3)], { hours, min })]
  },
}

/**
 * `NEW-SECRETARY-TRAINING` (PL19): a secretary is trained (a centralized session) within `newSecretaryMonths`
 * (6) of taking office. Judged in the years the window touches (not for an exempted member, EM 23): trained in it `ok`, else `due` until its last
 * day, `overdue` after.
 */
export const newSecretaryRule: Rule<StudyYearInput, EducationPolicy> = {
  id: "NEW-SECRETARY-TRAINING",
  title: { "zh-CN": "新任书记任职培训", en: "Training of a new secretary" },
  citations: [pl19(3)],
  check: (i, policy) =>
    i.posts
      .filter((p) => p.post === "secretary" && i.exemption === undefined)
      .flatMap((p) => {
        const deadline = p.since.add({ months: policy.newSecretaryMonths })
        if (isBefore(deadline, yearStart(i.year)) || isAfter(p.since, yearEnd(i.year))) return []
        if (trainedIn(i.centralizedDates, p.since, deadline))
          return [verdict("ok", "NEW-SECRETARY-TRAINING.ok", [pl19(3)], { since: p.since })]
        return [
          verdict(
            pending(i.asOf, deadline),
            "NEW-SECRETARY-TRAINING.missing",
            [pl19(3)],
            { since: p.since, months: policy.newSecretaryMonths },
            deadline,
          ),
        ]
      }),
}

/**
 * `NEW-MEMBER-TRAINING` (PL19): a new member takes one centralized training during probation or within
 * `newMemberMonthsAfterConversion` (12) after conversion: window from 入党日期 to 转正日期 + 12 months (without a
 * conversion date yet: admission + 1 year + 12 months). Judged in the years the window touches; not for an
 * exempted member (EM 23).
 */
export const newMemberRule: Rule<StudyYearInput, EducationPolicy> = {
  id: "NEW-MEMBER-TRAINING",
  title: { "zh-CN": "新党员集中培训", en: "Training of a new member" },
  citations: [pl19(3)],
  check: (i, policy) => {
    if (i.admittedOn === undefined || i.exemption !== undefined) return []
    // The deadline's year by arithmetic first: most members' windows ended years ago, and adding months with the
    // polyfill is the costly part of judging them. Adding a year or months keeps the year this computes (only
    // the day is constrained to the month's length), so the window ends before the year exactly when it says so.
    const m = (i.fullMemberOn ?? i.admittedOn).month - 1 + policy.newMemberMonthsAfterConversion
    const deadlineYear = (i.fullMemberOn?.year ?? i.admittedOn.year + 1) + Math.floor(m / 12)
    if (deadlineYear < i.year) return []
    const converted = i.fullMemberOn ?? i.admittedOn.add({ years: 1 })
    const deadline = converted.add({ months: policy.newMemberMonthsAfterConversion })
    if (isBefore(deadline, yearStart(i.year)) || isAfter(i.admittedOn, yearEnd(i.year))) return []
    if (trainedIn(i.centralizedDates, i.admittedOn, deadline))
      return [verdict("ok", "NEW-MEMBER-TRAINING.ok", [pl19(3)], {})]
    return [verdict(pending(i.asOf, deadline), "NEW-MEMBER-TRAINING.missing", [pl19(3)], {}, deadline)]
  },
}

/** Every rule of a member's study year, in the order they are judged. */
export const studyYearRules = [memberHoursRule, cadreHoursRule, newSecretaryRule, newMemberRule] as const

/** Judges one member's year by every rule. */
export const judgeStudyYear = (input: StudyYearInput, policy: EducationPolicy): readonly Verdict[] =>
  studyYearRules.flatMap((r) => r.check(input, policy))

/** Below a minimum (a `due` or `overdue` verdict) — what the organizers of the member's study look at. */
export const needsAttention = (verdicts: readonly Verdict[]): boolean =>
  verdicts.some((v) => v.status === "due" || v.status === "overdue")
