/**
 * The meetings development steps are decided at (组织生活's 会议记录, DR 8, 13, 19, 32): the meeting a step links,
 * and the steps linked to a meeting. The link itself is `development_records.meeting_id`, written by
 * `recordDevelopmentStep`.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, inArray, isNull, lte } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { inSubtree } from "../org-tree.js"
import type { Scope } from "../platform/scope.js"
import { developmentRecords, disciplineMeetings, members, type StoredVote } from "../schema/index.js"

/** A meeting as a development step reads it: who sat, of what kinds, when, the probationary present, the votes. */
export interface DecidingMeetingRow {
  readonly id: string
  readonly orgId: string
  readonly types: readonly string[]
  readonly onDate: PlainDate
  readonly presentProbationary: number
  readonly votes: readonly StoredVote[]
  readonly version: number
}

const decidingColumns = {
  id: disciplineMeetings.id,
  orgId: disciplineMeetings.orgId,
  types: disciplineMeetings.types,
  onDate: disciplineMeetings.onDate,
  presentProbationary: disciplineMeetings.presentProbationary,
  votes: disciplineMeetings.votes,
  version: disciplineMeetings.version,
}

/**
 * The meeting `id` of an organization in the scope, or undefined when there is none (missing and outside the
 * scope look the same). With `lock`, the row is share-locked for the rest of the transaction: a concurrent edit
 * of the meeting waits until the step linking it is stored, and then sees the link.
 */
export const decidingMeetingOf = async (
  db: XfDb,
  scope: Scope,
  id: string,
  options: { readonly lock?: boolean } = {},
): Promise<DecidingMeetingRow | undefined> => {
  const q = db
    .select(decidingColumns)
    .from(disciplineMeetings)
    .where(and(eq(disciplineMeetings.id, id), inSubtree(disciplineMeetings.orgId, scope.orgPath)))
    .limit(1)
  const [row] = options.lock === true ? await q.for("share") : await q
  return row
}

/** A development step decided at a meeting, with the person it decided. */
export interface DevelopmentDecisionRow {
  readonly meetingId: string
  readonly recordId: string
  readonly memberId: string
  readonly memberName: string
  readonly step: string
  readonly onDate: PlainDate
  readonly evidence: Record<string, unknown>
}

/**
 * The development steps in force (not removed as entered in error) linked to each of `meetingIds`, whose person
 * is a member of an organization in the scope; per meeting, in the order recorded. Names are personal data, read
 * where the caller may read the person's timeline (its subtree).
 */
export const developmentDecisionsAt = async (
  db: XfDb,
  scope: Scope,
  meetingIds: readonly string[],
): Promise<ReadonlyMap<string, readonly DevelopmentDecisionRow[]>> => {
  const out = new Map<string, DevelopmentDecisionRow[]>()
  if (meetingIds.length === 0) return out
  const rows = await db
    .select({
      meetingId: developmentRecords.meetingId,
      recordId: developmentRecords.id,
      memberId: developmentRecords.memberId,
      memberName: members.name,
      step: developmentRecords.step,
      onDate: developmentRecords.onDate,
      evidence: developmentRecords.evidence,
    })
    .from(developmentRecords)
    .innerJoin(members, eq(members.id, developmentRecords.memberId))
    .where(
      and(
        inArray(developmentRecords.meetingId, [...new Set(meetingIds)]),
        isNull(developmentRecords.removedAt),
        inSubtree(members.orgId, scope.orgPath),
      ),
    )
    .orderBy(asc(developmentRecords.recordedAt), asc(developmentRecords.id))
  for (const r of rows) {
    if (r.meetingId === null) continue
    const row = { ...r, meetingId: r.meetingId }
    const list = out.get(r.meetingId)
    if (list === undefined) out.set(r.meetingId, [row])
    else list.push(row)
  }
  return out
}

/** What a timeline shows of a linked meeting: its day and kinds. */
export interface LinkedMeetingFacts {
  readonly id: string
  readonly onDate: PlainDate
  readonly types: readonly string[]
}

/** The day and kinds of each of `meetingIds` of an organization in the scope (others left out), by id. */
export const linkedMeetingsOf = async (
  db: XfDb,
  scope: Scope,
  meetingIds: readonly (string | null)[],
): Promise<ReadonlyMap<string, LinkedMeetingFacts>> => {
  const ids = [...new Set(meetingIds.filter((id): id is string => id !== null))]
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: disciplineMeetings.id, onDate: disciplineMeetings.onDate, types: disciplineMeetings.types })
    .from(disciplineMeetings)
    .where(and(inArray(disciplineMeetings.id, ids), inSubtree(disciplineMeetings.orgId, scope.orgPath)))
  return new Map(rows.map((r) => [r.id, r]))
}

/** An admission recorded without its meeting, with the person's branch and name (a bulk load links it). */
export interface UnlinkedAdmission {
  readonly recordId: string
  readonly memberId: string
  readonly orgId: string
  readonly name: string
  readonly onDate: PlainDate
  readonly evidence: Record<string, unknown>
}

/**
 * For a bulk load (the demo district, an import) that links meetings it writes: the admission meetings
 * (`admission-meeting`) in force recorded without a meeting, dated `from`…`to`, oldest first. Not scoped: the
 * caller loads a whole district.
 */
export const unlinkedAdmissions = async (
  db: XfDb,
  from: PlainDate,
  to: PlainDate,
): Promise<readonly UnlinkedAdmission[]> =>
  db
    .select({
      recordId: developmentRecords.id,
      memberId: developmentRecords.memberId,
      orgId: members.orgId,
      name: members.name,
      onDate: developmentRecords.onDate,
      evidence: developmentRecords.evidence,
    })
    .from(developmentRecords)
    .innerJoin(members, eq(members.id, developmentRecords.memberId))
    .where(
      and(
        eq(developmentRecords.step, "admission-meeting"),
        isNull(developmentRecords.meetingId),
        isNull(developmentRecords.removedAt),
        gte(developmentRecords.onDate, from),
        lte(developmentRecords.onDate, to),
      ),
    )
    .orderBy(asc(developmentRecords.onDate), asc(developmentRecords.id))

/** A member of a branch as a roll call of a past day needs them: when they were admitted and made full. */
export interface RollMember {
  readonly id: string
  readonly orgId: string
  readonly admittedOn: PlainDate | null
  readonly fullMemberOn: PlainDate | null
}

/** For a bulk load: the full and probationary members of `orgIds` with their stage dates. Not scoped. */
export const rollOfOrgs = async (db: XfDb, orgIds: readonly string[]): Promise<readonly RollMember[]> =>
  orgIds.length === 0
    ? []
    : db
        .select({
          id: members.id,
          orgId: members.orgId,
          admittedOn: members.admittedOn,
          fullMemberOn: members.fullMemberOn,
        })
        .from(members)
        .where(
          and(inArray(members.orgId, [...new Set(orgIds)]), inArray(members.stage, ["full", "probationary"])),
        )
        .orderBy(asc(members.orgId), asc(members.id))

/**
 * For a bulk load that checked what it links: sets each record's meeting and the evidence as the meeting decided
 * it (its ballot and probationary present). Returns how many records it linked.
 */
export const linkDevelopmentRecords = async (
  db: XfDb,
  links: readonly {
    readonly recordId: string
    readonly meetingId: string
    readonly evidence: Record<string, unknown>
  }[],
): Promise<number> => {
  for (const l of links) {
    await db
      .update(developmentRecords)
      .set({ meetingId: l.meetingId, evidence: l.evidence })
      .where(eq(developmentRecords.id, l.recordId))
  }
  return links.length
}
