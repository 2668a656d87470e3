import type { PlainDate } from "@xianfeng/core"
import type { Actor } from "../../auth/actor.js"
import type { Deps } from "../../deps.js"

/** The last date of an activity per member (absent: none on record). */
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
 * - `dues` 党费: the last month each member paid (the care area, `packages/db/src/care/`, when it lands);
 * - `work` 党组织分配的工作: the last assigned work each member did;
 * - `lostContact` 失联: since when the branch has lost contact with a member;
 * - `away` 外出: since when a member has lived or worked elsewhere, and whether the relation was transferred.
 */
export interface StandingSources {
  readonly dues?: EvidenceSource<PlainDate>
  readonly work?: EvidenceSource<PlainDate>
  readonly lostContact?: EvidenceSource<PlainDate>
  readonly away?: EvidenceSource<{ readonly since: PlainDate; readonly transferred: boolean }>
}

/** The sources connected today: none yet. An area that holds the evidence adds its reader here. */
export const standingSources: StandingSources = {}
