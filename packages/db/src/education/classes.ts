/**
 * 培训班 (training classes): every query of `education_classes`, `education_sessions`, `education_enrolments`
 * and `education_attendance`. Each takes the caller's `Scope` (a class is in scope when its organizer is); the
 * tables have one write path each (`writeClasses`, `writeEnrolments`, `setSessionAttendance`/`writeAttendance`,
 * `closeClass`).
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { pathInSubtree } from "../org-tree.js"
import { NotInScope, orgInScope, orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  type EducationClass,
  type EducationSession,
  educationAttendance,
  educationClasses,
  educationEnrolments,
  educationRoles,
  educationSessions,
  members,
  orgs,
} from "../schema/index.js"

/** A new session of a class. */
export interface NewSession {
  /** Given by an import or the demo (stable ids); generated otherwise. */
  readonly id?: string
  readonly topic: string
  readonly onDate: PlainDate
  readonly startMinute: number
  readonly endMinute: number
  readonly tenths: number
}

/** What a new class holds, as the rules package checked it. */
export interface NewClass {
  /** Given by an import or the demo (stable ids); generated otherwise. */
  readonly id?: string
  readonly orgId: string
  readonly title: string
  readonly audienceKind: EducationClass["audienceKind"]
  readonly audienceValue: string
  readonly centralized: boolean
  readonly sessions: readonly NewSession[]
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/** A class with its organizer, sessions and counts. */
export interface ClassRow extends EducationClass {
  readonly orgName: string
  readonly orgPath: string
  readonly sessions: readonly EducationSession[]
  readonly enrolled: number
  /** 人次: present attendance rows. */
  readonly personTimes: number
}

/**
 * The one insert path of classes and their sessions, for callers that checked them (`createClass`, the demo
 * district): stores them as they are; returns the classes with their sessions in order.
 */
export const writeClasses = async (
  tx: XfDb,
  classes: readonly NewClass[],
): Promise<readonly { readonly row: EducationClass; readonly sessions: readonly EducationSession[] }[]> => {
  if (classes.length === 0) return []
  const rows = await tx
    .insert(educationClasses)
    .values(classes.map(({ sessions: _, ...c }) => c))
    .returning()
  const sessionValues = rows.flatMap((r, i) =>
    (classes[i]?.sessions ?? []).map((s) => ({ ...s, classId: r.id })),
  )
  const sessions =
    sessionValues.length === 0 ? [] : await tx.insert(educationSessions).values(sessionValues).returning()
  return rows.map((row) => ({ row, sessions: sessions.filter((s) => s.classId === row.id) }))
}

/** A new class of an organization of the scope (else `NotInScope`). */
export const createClass = async (tx: XfDb, scope: Scope, c: NewClass): Promise<ClassRow> => {
  await orgInScope(tx, scope, c.orgId)
  const [created] = await writeClasses(tx, [c])
  if (created === undefined) throw new Error("insert into education_classes returned no row")
  return classInScope(tx, scope, created.row.id)
}

const countsOf = async (db: XfDb, classIds: readonly string[]) => {
  const enrolled = new Map<string, number>()
  const times = new Map<string, number>()
  if (classIds.length === 0) return { enrolled, times }
  for (const r of await db
    .select({ id: educationEnrolments.classId, n: count() })
    .from(educationEnrolments)
    .where(inArray(educationEnrolments.classId, [...classIds]))
    .groupBy(educationEnrolments.classId))
    enrolled.set(r.id, r.n)
  for (const r of await db
    .select({ id: educationSessions.classId, n: count() })
    .from(educationAttendance)
    .innerJoin(educationSessions, eq(educationSessions.id, educationAttendance.sessionId))
    .where(inArray(educationSessions.classId, [...classIds]))
    .groupBy(educationSessions.classId))
    times.set(r.id, r.n)
  return { enrolled, times }
}

/** One class of the scope with its sessions and counts; `NotInScope` when missing or outside. */
export const classInScope = async (db: XfDb, scope: Scope, id: string): Promise<ClassRow> => {
  const [row] = await db
    .select({ c: educationClasses, orgName: orgs.name, orgPath: orgs.path })
    .from(educationClasses)
    .innerJoin(orgs, eq(orgs.id, educationClasses.orgId))
    .where(and(eq(educationClasses.id, id), orgRowInScope(scope)))
    .limit(1)
  if (row === undefined) throw new NotInScope("class", id)
  const sessions = await db
    .select()
    .from(educationSessions)
    .where(eq(educationSessions.classId, id))
    .orderBy(asc(educationSessions.onDate), asc(educationSessions.startMinute))
  const { enrolled, times } = await countsOf(db, [id])
  return {
    ...row.c,
    orgName: row.orgName,
    orgPath: row.orgPath,
    sessions,
    enrolled: enrolled.get(id) ?? 0,
    personTimes: times.get(id) ?? 0,
  }
}

/** One page of the classes organized in the scope (or the subtree of `orgId`), newest first, with the total. */
export const classesInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly page: number; readonly pageSize: number },
): Promise<{ readonly items: readonly ClassRow[]; readonly total: number }> => {
  const within = await withinOf(db, scope, query.orgId)
  const where = and(orgRowInScope(scope), pathInSubtree(orgs.path, within))
  const rows = await db
    .select({ c: educationClasses, orgName: orgs.name, orgPath: orgs.path })
    .from(educationClasses)
    .innerJoin(orgs, eq(orgs.id, educationClasses.orgId))
    .where(where)
    .orderBy(desc(educationClasses.recordedAt), asc(educationClasses.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  const ids = rows.map((r) => r.c.id)
  const sessions =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(educationSessions)
          .where(inArray(educationSessions.classId, ids))
          .orderBy(asc(educationSessions.onDate), asc(educationSessions.startMinute))
  const { enrolled, times } = await countsOf(db, ids)
  const [total] = await db
    .select({ n: count() })
    .from(educationClasses)
    .innerJoin(orgs, eq(orgs.id, educationClasses.orgId))
    .where(where)
  return {
    items: rows.map((r) => ({
      ...r.c,
      orgName: r.orgName,
      orgPath: r.orgPath,
      sessions: sessions.filter((s) => s.classId === r.c.id),
      enrolled: enrolled.get(r.c.id) ?? 0,
      personTimes: times.get(r.c.id) ?? 0,
    })),
    total: total?.n ?? 0,
  }
}

/** What the audience check needs of a member: org path, posts and categories (`AudienceMember`). */
export interface AudienceFacts {
  readonly id: string
  readonly orgPath: string
  readonly roles: readonly string[]
}

/** The audience facts of the given members that lie in the scope (missing ids are absent from the map). */
export const audienceFactsOf = async (
  db: XfDb,
  scope: Scope,
  memberIds: readonly string[],
): Promise<ReadonlyMap<string, AudienceFacts>> => {
  if (memberIds.length === 0) return new Map()
  const rows = await db
    .select({ id: members.id, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(inArray(members.id, [...memberIds]), orgRowInScope(scope)))
  const roles = await db
    .select({ memberId: educationRoles.memberId, role: educationRoles.role })
    .from(educationRoles)
    .where(inArray(educationRoles.memberId, [...memberIds]))
  return new Map(
    rows.map((r) => [r.id, { ...r, roles: roles.filter((x) => x.memberId === r.id).map((x) => x.role) }]),
  )
}

/** The ids of the normal-standing members of the subtree of `orgId` (in scope, else `NotInScope`). */
export const memberIdsOfSubtree = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<readonly string[]> => {
  const within = await withinOf(db, scope, orgId)
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        pathInSubtree(orgs.path, within),
        inArray(members.stage, ["full", "probationary"]),
        eq(members.status, "normal"),
      ),
    )
    .orderBy(asc(members.id))
  return rows.map((r) => r.id)
}

/** The one write path of enrolments (a member enrolled twice stays enrolled once). */
export const writeEnrolments = async (
  tx: XfDb,
  rows: readonly { readonly classId: string; readonly memberId: string }[],
): Promise<number> => {
  let added = 0
  for (let i = 0; i < rows.length; i += 5000) {
    const r = await tx
      .insert(educationEnrolments)
      .values(rows.slice(i, i + 5000))
      .onConflictDoNothing()
      .returning({ id: educationEnrolments.memberId })
    added += r.length
  }
  return added
}

/** The enrolled members of a class (already loaded in scope), by organization and name. */
export const enrolledMembers = async (
  db: XfDb,
  classId: string,
): Promise<
  readonly { readonly id: string; readonly name: string; readonly orgId: string; readonly orgName: string }[]
> =>
  db
    .select({ id: members.id, name: members.name, orgId: orgs.id, orgName: orgs.name })
    .from(educationEnrolments)
    .innerJoin(members, eq(members.id, educationEnrolments.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(educationEnrolments.classId, classId))
    .orderBy(asc(orgs.path), asc(members.namePinyin), asc(members.id))

/** Who was present at each session of a class: session id → member ids. */
export const attendanceOfClass = async (
  db: XfDb,
  classId: string,
): Promise<ReadonlyMap<string, readonly string[]>> => {
  const rows = await db
    .select({ sessionId: educationAttendance.sessionId, memberId: educationAttendance.memberId })
    .from(educationAttendance)
    .innerJoin(educationSessions, eq(educationSessions.id, educationAttendance.sessionId))
    .where(eq(educationSessions.classId, classId))
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(r.sessionId, [...(out.get(r.sessionId) ?? []), r.memberId])
  return out
}

/** The bulk insert path of attendance (the demo district, an import), for rows already checked. */
export const writeAttendance = async (
  tx: XfDb,
  rows: readonly { readonly sessionId: string; readonly memberId: string }[],
): Promise<void> => {
  for (let i = 0; i < rows.length; i += 5000)
    await tx
      .insert(educationAttendance)
      .values(rows.slice(i, i + 5000))
      .onConflictDoNothing()
}

/**
 * The tick list's write path: the members present at a session become exactly `memberIds` (the caller checked
 * that they are enrolled). Run it in a transaction.
 */
export const setSessionAttendance = async (
  tx: XfDb,
  sessionId: string,
  memberIds: readonly string[],
): Promise<void> => {
  await tx.delete(educationAttendance).where(eq(educationAttendance.sessionId, sessionId))
  await writeAttendance(
    tx,
    memberIds.map((memberId) => ({ sessionId, memberId })),
  )
}

/**
 * Closes an open class of the scope at `expectedVersion`: no more attendance. `undefined` when it is missing,
 * outside the scope, closed or changed meanwhile.
 */
export const closeClass = async (
  tx: XfDb,
  scope: Scope,
  id: string,
  expectedVersion: number,
  at: Date,
): Promise<EducationClass | undefined> => {
  await classInScope(tx, scope, id)
  const [row] = await tx
    .update(educationClasses)
    .set({ closedAt: at, version: sql`${educationClasses.version} + 1` })
    .where(
      and(
        eq(educationClasses.id, id),
        eq(educationClasses.version, expectedVersion),
        isNull(educationClasses.closedAt),
      ),
    )
    .returning()
  return row
}

/** A class session as the agenda shows it. */
export interface UpcomingSessionRow {
  readonly id: string
  readonly classId: string
  readonly classTitle: string
  readonly topic: string
  readonly onDate: PlainDate
  readonly startMinute: number
  readonly orgId: string
  readonly orgName: string
}

/**
 * The sessions (课次) dated `from`…`to` of the classes of the scope not yet closed, soonest first, at most
 * `limit`: the education area's agenda entries.
 */
export const sessionsBetween = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<readonly UpcomingSessionRow[]> =>
  db
    .select({
      id: educationSessions.id,
      classId: educationClasses.id,
      classTitle: educationClasses.title,
      topic: educationSessions.topic,
      onDate: educationSessions.onDate,
      startMinute: educationSessions.startMinute,
      orgId: orgs.id,
      orgName: orgs.name,
    })
    .from(educationSessions)
    .innerJoin(educationClasses, eq(educationClasses.id, educationSessions.classId))
    .innerJoin(orgs, eq(orgs.id, educationClasses.orgId))
    .where(
      and(
        orgRowInScope(scope),
        isNull(educationClasses.closedAt),
        gte(educationSessions.onDate, from),
        lte(educationSessions.onDate, to),
      ),
    )
    .orderBy(asc(educationSessions.onDate), asc(educationSessions.startMinute), asc(educationSessions.id))
    .limit(limit)
