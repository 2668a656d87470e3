import { type MemberStatus, type PlainDate, Temporal, type Verdict, verdict } from "@xianfeng/core"
import { med } from "./citations.js"
import type { CarePolicy, MedalStandingBar } from "./policy.js"

/** The medal is counted at 1 July of the award year (党的生日). */
export const medalDay = (year: number): PlainDate => Temporal.PlainDate.from({ year, month: 7, day: 1 })

/** Party age (党龄) in whole years on `on`, counted from full membership (转正); none before it. */
export const partyAge = (fullMemberOn: PlainDate | undefined, on: PlainDate): number | undefined =>
  fullMemberOn === undefined || Temporal.PlainDate.compare(fullMemberOn, on) > 0
    ? undefined
    : fullMemberOn.until(on, { largestUnit: "years" }).years

/** A member as the medal list sees it. */
export interface MedalCandidate {
  readonly memberId: string
  readonly fullMemberOn?: PlainDate
  readonly status: MemberStatus
  /** 一贯表现良好: no sanction or open case the vetting found; false keeps the member off the list. */
  readonly goodStanding: boolean
  /** The year the member was given the medal, if already. */
  readonly awardedYear?: number
}

/**
 * `MEDAL-50`: a living member in good standing whose party age reaches 50 by 1 July of the award year is
 * eligible (`.eligible`, allowed) — also a member who reached it in an earlier year and has not had it yet;
 * one who has it already says so (`.awarded`, ok); otherwise `.not-yet`, `.not-living` (deceased, removed) or
 * `.standing` (suspended, lost contact, or the vetting found a problem), all blocked.
 */
export const medalVerdict = (c: MedalCandidate, year: number): Verdict => {
  if (c.awardedYear !== undefined) return verdict("ok", "MEDAL-50.awarded", [med()], { year: c.awardedYear })
  if (c.status === "deceased" || c.status === "removed" || c.status === "transferred-out")
    return verdict("blocked", "MEDAL-50.not-living", [med()], {})
  const age = partyAge(c.fullMemberOn, medalDay(year))
  if (age === undefined || age < 50) {
    const reaches = c.fullMemberOn?.add({ years: 50 })
    return verdict("blocked", "MEDAL-50.not-yet", [med()], reaches === undefined ? {} : { reaches })
  }
  if (c.status !== "normal" || !c.goodStanding) return verdict("blocked", "MEDAL-50.standing", [med()], {})
  return verdict("allowed", "MEDAL-50.eligible", [med()], { partyAge: age })
}

/** The year's list: who is to be given the medal, and who already has it. */
export interface MedalList {
  readonly year: number
  readonly eligible: readonly string[]
  readonly awarded: readonly string[]
}

export const medalList = (candidates: readonly MedalCandidate[], year: number): MedalList => {
  const judged = candidates.map((c) => [c.memberId, medalVerdict(c, year).code] as const)
  return {
    year,
    eligible: judged.filter(([, code]) => code === "MEDAL-50.eligible").map(([id]) => id),
    awarded: judged.filter(([, code]) => code === "MEDAL-50.awarded").map(([id]) => id),
  }
}

/** What the other areas know of a member's standing, as plain data (undefined: the records do not say). */
export interface StandingFacts {
  /** Unpaid dues months running up to the last ended month (the care area's dues). */
  readonly consecutiveUnpaidDues?: number
  /** Whole months since the member last attended the branch's organizational life (the discipline area). */
  readonly monthsSinceAttended?: number
  /** Whether an unqualified-member case (不合格党员处置) is open for the member (the appraisal area). */
  readonly openUnqualifiedCase: boolean
}

/** Six months: the self-lapse count of PC 9 (连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作). */
export const SELF_LAPSE_MONTHS = 6

/**
 * The bars of the policy's `medalStandingBars` that the facts meet, none when the member is in good standing
 * (一贯表现良好) for the medal. Unknown facts bar nothing: the records must show a lapse, not its absence.
 */
export const medalStandingBarsOf = (f: StandingFacts, policy: CarePolicy): readonly MedalStandingBar[] =>
  policy.medalStandingBars.filter((bar) =>
    bar === "dues-self-lapse"
      ? (f.consecutiveUnpaidDues ?? 0) >= SELF_LAPSE_MONTHS
      : bar === "meetings-self-lapse"
        ? (f.monthsSinceAttended ?? 0) >= SELF_LAPSE_MONTHS
        : f.openUnqualifiedCase,
  )
