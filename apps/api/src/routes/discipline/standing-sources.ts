import type { PlainDate } from "@xianfeng/core"
import { duesArrearsOf } from "@xianfeng/db"
import type { Actor } from "../../auth/actor.js"
import { type Deps, todayOf } from "../../deps.js"

/** The last date of an activity per member (absent: none on record; `"unknown"`: the records cannot tell). */
export type LastDates = ReadonlyMap<string, PlainDate>

/** Reads one kind of evidence for the members `memberIds` of the caller's scope. */
export type EvidenceSource<T> = (
  deps: Deps,
  actor: Actor,
  memberIds: readonly string[],
) => Promise<ReadonlyMap<string, T>>

/**
 * The evidence the standing alerts take from other areas, as data. Each source an area has not connected
 * yet is absent, and the route reports it as missing (`missingEvidence`) — the self-lapse alert then says
 * `STANDING-SELF-LAPSE.dues-unknown` rather than guessing that nobody paid:
 * - `dues` 党费: the day before each member's current run of unpaid months began (the care area,
 *   `packages/db/src/care/`), `"unknown"` for a member whose dues were never assessed;
 * - `work` 党组织分配的工作: the last assigned work each member did;
 * - `lostContact` 失联: since when the branch has lost contact with a member;
 * - `away` 外出: since when a member has lived or worked elsewhere, and whether the relation was transferred.
 */
export interface StandingSources {
  readonly dues?: EvidenceSource<PlainDate | "unknown">
  readonly work?: EvidenceSource<PlainDate>
  readonly lostContact?: EvidenceSource<PlainDate>
  readonly away?: EvidenceSource<{ readonly since: PlainDate; readonly transferred: boolean }>
}

/**
 * 党费 evidence from the care area: for each member, the last day of the month before their current run of
 * `consecutiveUnpaid` ended unpaid months (the last ended month itself when none is unpaid), so that six months
 * elapsed from it is exactly six ended months unpaid in a row as the dues ledger counts them (PC 9) — whether
 * the member once paid or the run starts at their first assessed month. A member with no assessment on record is
 * `"unknown"`: the branch has not put their dues into the system, which is not the same as their not paying.
 */
export const duesEvidence: EvidenceSource<PlainDate | "unknown"> = async (deps, actor, memberIds) => {
  const asOf = todayOf(deps)
  const lastEnded = asOf.toPlainYearMonth().subtract({ months: 1 })
  const rows = await duesArrearsOf(deps.db, actor, memberIds, asOf)
  return new Map(
    rows.map((r): [string, PlainDate | "unknown"] => {
      if (!r.assessed) return [r.memberId, "unknown"]
      const lastGood = lastEnded.subtract({ months: r.consecutiveUnpaid })
      return [r.memberId, lastGood.toPlainDate({ day: lastGood.daysInMonth })]
    }),
  )
}

/** The sources connected today. An area that holds the evidence adds its reader here. */
export const standingSources: StandingSources = { dues: duesEvidence }
