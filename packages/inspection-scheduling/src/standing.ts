import { addPeriod, hasElapsed, maxDate, type PlainDate, type Verdict, verdict } from "@xianfeng/core"
import { em, pc } from "./citations.js"
import type { DisciplinePolicy } from "./policy.js"

/**
 * When a member last did something, as far as the records know: `unknown` when the area holding that evidence
 * is not yet connected (dues arrive later as data), `known` with the last date (none: never since `since`).
 */
export type ActivityEvidence =
  | { readonly kind: "unknown" }
  | { readonly kind: "known"; readonly last?: PlainDate }

export const unknownEvidence: ActivityEvidence = { kind: "unknown" }
export const lastOn = (last?: PlainDate): ActivityEvidence =>
  last === undefined ? { kind: "known" } : { kind: "known", last }

/** A member's standing as the branch's records show it. */
export interface StandingInput {
  readonly asOf: PlainDate
  /** From when the branch is answerable for the member (joined, or relation received). */
  readonly since: PlainDate
  /** 组织生活: the last sitting attended. */
  readonly orgLife: ActivityEvidence
  /**
   * The last sitting of the member's branch whose roll call was not recorded (no attendance on file). The member
   * may have been there: such a sitting is missing evidence, never an absence.
   */
  readonly orgLifeUnrecorded?: PlainDate
  /** 党费: the last month paid. */
  readonly dues: ActivityEvidence
  /** 党组织分配的工作: the last assigned work done. */
  readonly work: ActivityEvidence
  /** A good reason recorded for not taking part (illness, posting abroad with leave…); none when empty. */
  readonly goodReason?: string
  /** 失联: the day the branch lost contact, while it has not regained it. */
  readonly lostContactSince?: PlainDate
  /** 外出: the day the member left to live or work at a fairly fixed place elsewhere, while away. */
  readonly awaySince?: PlainDate
  /** The organizational relation has been transferred to where the member now is. */
  readonly relationTransferred?: boolean
}

const SIX_MONTHS = { months: 6 }
const selfLapse = [pc(9), em(31, "6")]

const activity = ["org-life", "dues", "work"] as const

/**
 * The standing alerts of a member, each cited:
 * - `STANDING-SELF-LAPSE` 自行脱党: six consecutive months without good reason of no organizational life, or
 *   no dues, or no assigned work (PC 9; EM 31(6)): a `warning` per activity (`.org-life`, `.dues`, `.work`)
 *   for the branch to take up; the branch meeting decides and the higher organization approves, so this is
 *   an alert, never a decision. An activity whose evidence is `unknown` says so (`.dues-unknown`…) instead of
 *   guessing; a recorded good reason turns the alerts into `.excused`. When the six months are up on the
 *   attendance on file but the branch held a sitting within them whose roll call was not recorded
 *   (`orgLifeUnrecorded`), the member may have attended: `.org-life-unrecorded` asks for the roll call
 *   instead of accusing;
 * - `STANDING-LOST-CONTACT` 失联: six months out of contact → `.suspend` (suspension of membership, 停止党籍,
 *   due from then); two more years → `.remove` (EM 24); before six months `.watch`;
 * - `STANDING-AWAY` 外出: away six months at a fairly fixed place without transferring the relation →
 *   `.transfer` (EM 25), due from the day six months are up.
 * None of them: `STANDING.ok`.
 */
export const standingAlerts = (s: StandingInput, policy: DisciplinePolicy): readonly Verdict[] => {
  const out: Verdict[] = []
  const lapsed: string[] = []
  for (const a of activity) {
    const e = s[a === "org-life" ? "orgLife" : a]
    if (e.kind === "unknown") {
      out.push(verdict("warning", `STANDING-SELF-LAPSE.${a}-unknown`, selfLapse))
      continue
    }
    const from = e.last === undefined ? s.since : maxDate(e.last, s.since)
    if (!hasElapsed(from, s.asOf, SIX_MONTHS, policy.periodEnd)) continue
    const unrecorded = a === "org-life" ? s.orgLifeUnrecorded : undefined
    if (
      unrecorded !== undefined &&
      !hasElapsed(maxDate(unrecorded, from), s.asOf, SIX_MONTHS, policy.periodEnd)
    ) {
      out.push(
        verdict("warning", "STANDING-SELF-LAPSE.org-life-unrecorded", selfLapse, { since: unrecorded }),
      )
      continue
    }
    lapsed.push(a)
  }
  const reason = s.goodReason?.trim() ?? ""
  for (const a of lapsed) {
    out.push(
      reason === ""
        ? verdict("warning", `STANDING-SELF-LAPSE.${a}`, selfLapse)
        : verdict("ok", `STANDING-SELF-LAPSE.${a}.excused`, selfLapse, { reason }),
    )
  }
  if (s.lostContactSince !== undefined) {
    const suspendFrom = addPeriod(s.lostContactSince, SIX_MONTHS)
    const removeFrom = addPeriod(suspendFrom, { years: 2 })
    const since = s.lostContactSince
    out.push(
      hasElapsed(suspendFrom, s.asOf, { years: 2 }, policy.periodEnd)
        ? verdict("due", "STANDING-LOST-CONTACT.remove", [em(24)], { since }, removeFrom)
        : hasElapsed(since, s.asOf, SIX_MONTHS, policy.periodEnd)
          ? verdict("due", "STANDING-LOST-CONTACT.suspend", [em(24)], { since }, suspendFrom)
          : verdict("warning", "STANDING-LOST-CONTACT.watch", [em(24)], { since }, suspendFrom),
    )
  }
  if (
    s.awaySince !== undefined &&
    s.relationTransferred !== true &&
    hasElapsed(s.awaySince, s.asOf, SIX_MONTHS, policy.periodEnd)
  ) {
    out.push(
      verdict(
        "due",
        "STANDING-AWAY.transfer",
        [em(25)],
        { since: s.awaySince },
        addPeriod(s.awaySince, SIX_MONTHS),
      ),
    )
  }
  return out.length === 0 ? [verdict("ok", "STANDING.ok", [pc(9)])] : out
}
