/**
 * What the standing alerts (自行脱党, 失联, 外出; PC 9, EM 24, EM 25, EM 31) read from this area: the members of a
 * branch with the last sitting each attended. Evidence held by other areas (dues, assigned work) is not read
 * here; the route takes it as data.
 */
import type { MemberStage, MemberStatus, PlainDate } from "@xianfeng/core"
import { and, asc, eq, inArray, max, notExists } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { inUuids } from "../internal/id-list.js"
import { memberRowsInScope, orgInScope, type Scope } from "../platform/scope.js"
import { disciplineAttendance, disciplineMeetings, members, orgs } from "../schema/index.js"

/** A member of the branch as the standing alerts see it. */
export interface StandingFactsRow {
  readonly id: string
  readonly name: string
  readonly stage: MemberStage
  readonly status: MemberStatus
  /** 入党日期, from when the branch is answerable (the best date the records hold). */
  readonly admittedOn: PlainDate | null
  readonly createdAt: Date
  /** The last sitting of the branch the member attended, if any. */
  readonly lastAttended: PlainDate | null
}

/**
 * The full and probationary members of organization `orgId` of the scope (else `NotInScope`), by name, with
 * the last sitting of that organization each attended. Names are personal data: the caller audits the read.
 */
export const standingFacts = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<readonly StandingFactsRow[]> => {
  await orgInScope(db, scope, orgId)
  const rows = await db
    .select({
      id: members.id,
      name: members.name,
      stage: members.stage,
      status: members.status,
      admittedOn: members.admittedOn,
      createdAt: members.createdAt,
    })
    .from(members)
    .where(and(eq(members.orgId, orgId), inArray(members.stage, ["full", "probationary"])))
    .orderBy(asc(members.namePinyin), asc(members.id))
  if (rows.length === 0) return []
  const last = await db
    .select({ memberId: disciplineAttendance.memberId, on: max(disciplineMeetings.onDate) })
    .from(disciplineAttendance)
    .innerJoin(disciplineMeetings, eq(disciplineMeetings.id, disciplineAttendance.meetingId))
    .where(
      and(
        eq(disciplineMeetings.orgId, orgId),
        eq(disciplineAttendance.present, true),
        inArray(
          disciplineAttendance.memberId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .groupBy(disciplineAttendance.memberId)
  const lastOf = new Map(last.map((l) => [l.memberId, l.on]))
  return rows.map((r) => ({ ...r, lastAttended: (lastOf.get(r.id) as PlainDate | null | undefined) ?? null }))
}

/**
 * For each of `memberIds` who is a full or probationary member in the scope, the last sitting of their own
 * organization they attended (present on its roll call), in one query whichever organizations they are in: the
 * `lastAttended` that `standingFacts` of each one's organization gives, without a query per organization.
 * Members out of the scope, of another stage, or who never attended a sitting of their organization are absent
 * from the map. Returns dates (`PlainDate`) by member id; an empty list asks nothing.
 */
export const lastAttendedOf = async (
  db: XfDb,
  scope: Scope,
  memberIds: readonly string[],
): Promise<ReadonlyMap<string, PlainDate>> => {
  if (memberIds.length === 0) return new Map()
  const rows = await db
    .select({ memberId: disciplineAttendance.memberId, on: max(disciplineMeetings.onDate) })
    .from(disciplineAttendance)
    .innerJoin(members, eq(members.id, disciplineAttendance.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    // A sitting of the member's own organization, as `standingFacts` reads a branch's sittings.
    .innerJoin(
      disciplineMeetings,
      and(
        eq(disciplineMeetings.id, disciplineAttendance.meetingId),
        eq(disciplineMeetings.orgId, members.orgId),
      ),
    )
    .where(
      and(
        memberRowsInScope(scope),
        inArray(members.stage, ["full", "probationary"]),
        eq(disciplineAttendance.present, true),
        inUuids(disciplineAttendance.memberId, memberIds),
      ),
    )
    .groupBy(disciplineAttendance.memberId)
  const out = new Map<string, PlainDate>()
  for (const r of rows) if (r.on !== null) out.set(r.memberId, r.on as PlainDate)
  return out
}

/**
 * The last sitting of organization `orgId` of the scope (else `NotInScope`) whose roll call was not recorded —
 * no attendance row at all — or null when every sitting has one. The standing alerts treat such a sitting as
 * missing evidence of organizational life, never as everybody's absence.
 */
export const lastSittingWithoutRollCall = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<PlainDate | null> => {
  await orgInScope(db, scope, orgId)
  const [row] = await db
    .select({ on: max(disciplineMeetings.onDate) })
    .from(disciplineMeetings)
    .where(
      and(
        eq(disciplineMeetings.orgId, orgId),
        notExists(
          db
            .select({ one: disciplineAttendance.meetingId })
            .from(disciplineAttendance)
            .where(eq(disciplineAttendance.meetingId, disciplineMeetings.id)),
        ),
      ),
    )
  return (row?.on as PlainDate | null | undefined) ?? null
}
