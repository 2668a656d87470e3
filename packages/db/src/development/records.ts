/**
 * Development records (development_records) and the member columns that follow from them: the one write path
 * of a development step, and the read of many members' records in one query.
 */
import type { PlainDate } from "@xianfeng/core"
import type { DerivedDates } from "@xianfeng/development-rules"
import { and, asc, eq, inArray, isNotNull, isNull, type SQLWrapper, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { NotInScope, orgRowInScope, type Scope } from "../platform/scope.js"
import {
  type DevelopmentRecord,
  developmentRecords,
  type MemberStage,
  members,
  type NewMember,
  orgs,
} from "../schema/index.js"

/**
 * The development records of many members in ONE query (records removed as entered in error left out), grouped per member and in date order (then in the
 * order they were recorded). `memberIds` is a list or a subquery (`select id from members where …`), so a
 * pipeline of any size stays one round trip without running into the parameter limit. Not scoped itself: the
 * callers in this folder pass ids or a subquery they selected in scope.
 */
export const developmentRecordsOf = async (
  db: XfDb,
  memberIds: readonly string[] | SQLWrapper,
): Promise<Map<string, DevelopmentRecord[]>> => {
  const out = new Map<string, DevelopmentRecord[]>()
  if (Array.isArray(memberIds) && memberIds.length === 0) return out
  const rows = await db
    .select()
    .from(developmentRecords)
    .where(
      and(
        inArray(developmentRecords.memberId, memberIds as string[] | SQLWrapper),
        isNull(developmentRecords.removedAt),
      ),
    )
    .orderBy(
      asc(developmentRecords.memberId),
      asc(developmentRecords.onDate),
      asc(developmentRecords.recordedAt),
    )
  for (const r of rows) {
    const list = out.get(r.memberId)
    if (list === undefined) out.set(r.memberId, [r])
    else list.push(r)
  }
  return out
}

/** The member's stage for the library's current stage: admission by the branch meeting makes 预备党员. */
export const memberStageOf = (derived: DerivedDates): MemberStage | undefined => {
  if (derived.stage === "member") return "full"
  if (derived.stage === "cancelled" || derived.stage === "not-started") return undefined
  if (derived.admittedOn !== undefined) return "probationary"
  if (derived.stage >= 3) return "development-object"
  if (derived.stage === 2) return "activist"
  return "applicant"
}

/** The member columns a development history decides. */
export type StageColumns = Pick<
  NewMember,
  "appliedOn" | "activistOn" | "developmentObjectOn" | "admittedOn" | "fullMemberOn"
> & { stage?: MemberStage }

/**
 * The member columns that follow from a development history: the stage and the stage dates
 * (applied_on … full_member_on). A cancelled probation leaves the stage to a person (it is undefined).
 */
export const stageColumnsOf = (derived: DerivedDates): StageColumns => {
  const stage = memberStageOf(derived)
  return {
    ...(stage === undefined ? {} : { stage }),
    appliedOn: derived.appliedOn ?? null,
    activistOn: derived.activistSince ?? null,
    developmentObjectOn: derived.developmentObjectSince ?? null,
    admittedOn: derived.admittedOn ?? null,
    fullMemberOn: derived.fullMemberSince ?? null,
  }
}

/** One development step to store, as the rules accepted it. */
export interface DevelopmentStepEntry {
  readonly memberId: string
  readonly step: string
  readonly onDate: PlainDate
  readonly evidence: Record<string, unknown>
  /** The meeting that decided the step (`decidingMeetingOf`), when it was recorded from one. */
  readonly meetingId?: string | null
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/**
 * Stores one development step: the member (inside the scope, else `NotInScope`) takes the stage columns the
 * new history decides (`stageColumnsOf`) and moves on a version, and the record is inserted. The only write
 * to development_records; run it in the transaction that judged the step, with the member locked
 * (`developmentCaseOf(…, { lock: true })`), and write the audit row there too. (`removeDevelopmentRecord`
 * marks a record removed; nothing deletes one.)
 */
export const recordDevelopmentStep = async (
  db: XfDb,
  scope: Scope,
  entry: DevelopmentStepEntry,
  columns: StageColumns,
): Promise<DevelopmentRecord> => {
  const [member] = await db
    .update(members)
    .set({ ...columns, version: sql`${members.version} + 1`, updatedAt: entry.recordedAt })
    .where(
      and(
        eq(members.id, entry.memberId),
        inArray(members.orgId, db.select({ id: orgs.id }).from(orgs).where(orgRowInScope(scope))),
      ),
    )
    .returning({ id: members.id })
  if (member === undefined) throw new NotInScope("member", entry.memberId)
  const [inserted] = await db.insert(developmentRecords).values(entry).returning()
  if (inserted === undefined) throw new Error("insert into development_records returned no row")
  return inserted
}

/** A member's records removed as entered in error, in the order they were removed. Not scoped: see above. */
export const removedDevelopmentRecordsOf = async (db: XfDb, memberId: string): Promise<DevelopmentRecord[]> =>
  db
    .select()
    .from(developmentRecords)
    .where(and(eq(developmentRecords.memberId, memberId), isNotNull(developmentRecords.removedAt)))
    .orderBy(asc(developmentRecords.removedAt))

/** Why and by whom a record entered in error is removed. */
export interface RecordRemoval {
  readonly memberId: string
  readonly recordId: string
  readonly reason: string
  readonly removedBy: string
  readonly removedAt: Date
}

/**
 * Removes a development record entered in error: the record stays, marked removed (when, by whom, why), and
 * the member (inside the scope, else `NotInScope`) takes the stage columns the history without it decides
 * and moves on a version. Undefined when the member has no such record in force (already removed, or
 * another's). Run it where the removal was judged, with the member locked, and write the audit row there.
 */
export const removeDevelopmentRecord = async (
  db: XfDb,
  scope: Scope,
  removal: RecordRemoval,
  columns: StageColumns,
): Promise<DevelopmentRecord | undefined> => {
  const [removed] = await db
    .update(developmentRecords)
    .set({ removedAt: removal.removedAt, removedBy: removal.removedBy, removedReason: removal.reason })
    .where(
      and(
        eq(developmentRecords.id, removal.recordId),
        eq(developmentRecords.memberId, removal.memberId),
        isNull(developmentRecords.removedAt),
      ),
    )
    .returning()
  if (removed === undefined) return undefined
  const [member] = await db
    .update(members)
    .set({ ...columns, version: sql`${members.version} + 1`, updatedAt: removal.removedAt })
    .where(
      and(
        eq(members.id, removal.memberId),
        inArray(members.orgId, db.select({ id: orgs.id }).from(orgs).where(orgRowInScope(scope))),
      ),
    )
    .returning({ id: members.id })
  if (member === undefined) throw new NotInScope("member", removal.memberId)
  return removed
}
