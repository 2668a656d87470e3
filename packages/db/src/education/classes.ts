/**
 * 培训班 (training classes): every query of `education_classes`, `education_sessions`, `education_enrolments`
 * and `education_attendance`. Each takes the caller's `Scope`; the tables have one write path each
 * (`writeClasses`, `writeEnrolments`, `setSessionAttendance`/`writeAttendance`, `closeClass`).
 *
 * Who sees a class (docs/security.md "Training classes seen from below", the same rule as the row-level
 * security migration `education_class_visibility_row_level_security`): a caller whose scope holds the
 * organizer (the organizer's side), or whose scope holds at least one member enrolled in it (a branch whose
 * members a committee's or the district's class enrols). The organizer's side sees every enrolment and
 * attendance row, enrols, marks and closes; a caller who sees the class only through its members sees its
 * sessions, its own members' enrolment and attendance (the counts are of those), and marks attendance for them
 * alone. The organizer's name comes from the class (`organizer_name`), never from the hidden `orgs` row.
 */
import type { PlainDate } from "@xianfeng/core"
import {
  type AnyColumn,
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lte,
  type SQL,
  sql,
} from "drizzle-orm"
import { bulkInsert, streamsByCopy } from "../bulk-copy.js"
import type { XfDb } from "../database.js"
import { inUuids } from "../internal/id-list.js"
import { pathInSubtree } from "../org-tree.js"
import {
  NotInScope,
  orgInScope,
  orgRowInScope,
  pathInScope,
  type Scope,
  withinOf,
} from "../platform/scope.js"
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
  /** The organizer's name; looked up from `orgs` when absent. */
  readonly organizerName?: string
  readonly title: string
  readonly audienceKind: EducationClass["audienceKind"]
  readonly audienceValue: string
  readonly centralized: boolean
  readonly sessions: readonly NewSession[]
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/** A class with its organizer, sessions and counts, as the caller sees it. */
export interface ClassRow extends EducationClass {
  /** The organizer's name (stored on the class). */
  readonly orgName: string
  /** The caller's scope holds the organizer: it sees every enrolment and may enrol and close. */
  readonly organizedInScope: boolean
  readonly sessions: readonly EducationSession[]
  /** Enrolled members the caller sees (all of them for the organizer's side). */
  readonly enrolled: number
  /** 人次: present attendance rows the caller sees (all of them for the organizer's side). */
  readonly personTimes: number
}

/** `path` (an SQL expression) lies in the subtree of `within`, and in the scope (the condition that a test may switch off). */
const pathIn = (path: SQL, scope: Scope, within: string | undefined): SQL =>
  and(
    pathInScope(path, scope),
    within === undefined || within === scope.orgPath ? undefined : pathInSubtree(path, within),
  ) as SQL

/** An organization id (an SQL expression or column) names an organization of the scope (and of `within`). */
const orgIdIn = (orgId: SQL | AnyColumn, scope: Scope, within?: string): SQL =>
  sql`${orgId} in (select o.id from ${orgs} o where ${pathIn(sql`o.path`, scope, within)})`

/** The class's organizer lies in the scope (and in `within`). */
const organizerIn = (scope: Scope, within?: string): SQL => orgIdIn(educationClasses.orgId, scope, within)

/** A member id column names a member of the scope (and of `within`). */
const memberIn = (memberId: SQL | AnyColumn, scope: Scope, within?: string): SQL =>
  sql`${memberId} in (select m.id from ${members} m join ${orgs} o on o.id = m.org_id where ${pathIn(sql`o.path`, scope, within)})`

/**
 * The class enrols a member of the scope (and of `within`): the classes of the enrolments of the scope's
 * organizations, one range of `education_enrolments_org_class_idx` each (the enrolment's `org_id` is its member's,
 * kept by the database, migration 0082).
 */
const enrolsIn = (scope: Scope, within?: string): SQL =>
  sql`${educationClasses.id} in (select e.class_id from ${educationEnrolments} e where ${orgIdIn(sql`e.org_id`, scope, within)})`

/** The class is visible to the scope (organizer or an enrolled member in it), within `within` when given. */
const classVisible = (scope: Scope, within?: string): SQL =>
  sql`(${organizerIn(scope, within)} or ${enrolsIn(scope, within)})`

/**
 * The one insert path of classes and their sessions, for callers that checked them (`createClass`, the demo
 * district): stores them as they are; returns the classes with their sessions in order.
 */
export const writeClasses = async (
  tx: XfDb,
  classes: readonly NewClass[],
): Promise<readonly { readonly row: EducationClass; readonly sessions: readonly EducationSession[] }[]> => {
  if (classes.length === 0) return []
  const unnamed = [...new Set(classes.filter((c) => c.organizerName === undefined).map((c) => c.orgId))]
  const names = new Map(
    unnamed.length === 0
      ? []
      : (await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, unnamed))).map(
          (o) => [o.id, o.name],
        ),
  )
  const rows = await tx
    .insert(educationClasses)
    .values(
      classes.map(({ sessions: _, ...c }) => ({
        ...c,
        organizerName: c.organizerName ?? names.get(c.orgId) ?? "",
      })),
    )
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
  const org = await orgInScope(tx, scope, c.orgId)
  const [created] = await writeClasses(tx, [{ ...c, organizerName: org.name }])
  if (created === undefined) throw new Error("insert into education_classes returned no row")
  return classInScope(tx, scope, created.row.id)
}

/**
 * The member (an SQL expression or column) is enrolled in the class (likewise) by an enrolment of the scope's
 * organizations: what a caller who sees a class only through its members sees of its attendance. Read from the
 * scope's enrolments of the class (`education_enrolments_org_class_idx`), not from every member of the scope.
 */
const enrolledInScope = (classId: SQL | AnyColumn, memberId: SQL | AnyColumn, scope: Scope): SQL =>
  sql`exists (select 1 from ${educationEnrolments} e where e.class_id = ${classId} and e.member_id = ${memberId} and ${orgIdIn(sql`e.org_id`, scope)})`

/**
 * Enrolled members and person-times per class, as the caller sees them: the organizer's side (`organized`) reads
 * the class's stored totals (`enrolledCount`, `personTimes`, kept by triggers: migration
 * `education_class_counts`); a caller who sees a class only through its members counts its own members' rows,
 * one statement for the enrolments and one for the attendance of all such classes on the page.
 */
const countsOf = async (
  db: XfDb,
  scope: Scope,
  classes: readonly Pick<ClassRow, "id" | "organizedInScope" | "enrolledCount" | "personTimes">[],
) => {
  const enrolled = new Map<string, number>()
  const times = new Map<string, number>()
  for (const c of classes)
    if (c.organizedInScope) {
      enrolled.set(c.id, c.enrolledCount)
      times.set(c.id, c.personTimes)
    }
  const own = classes.filter((c) => !c.organizedInScope).map((c) => c.id)
  if (own.length === 0) return { enrolled, times }
  for (const r of await db
    .select({ id: educationEnrolments.classId, n: count() })
    .from(educationEnrolments)
    .where(and(inArray(educationEnrolments.classId, own), orgIdIn(educationEnrolments.orgId, scope)))
    .groupBy(educationEnrolments.classId))
    enrolled.set(r.id, r.n)
  for (const r of await db
    .select({ id: educationSessions.classId, n: count() })
    .from(educationAttendance)
    .innerJoin(educationSessions, eq(educationSessions.id, educationAttendance.sessionId))
    .where(
      and(
        inArray(educationSessions.classId, own),
        enrolledInScope(educationSessions.classId, educationAttendance.memberId, scope),
      ),
    )
    .groupBy(educationSessions.classId))
    times.set(r.id, r.n)
  return { enrolled, times }
}

const classColumns = (scope: Scope) => ({
  c: educationClasses,
  organized: sql<boolean>`${organizerIn(scope)}`.mapWith(Boolean),
})

/** One class the scope sees (organizer or an enrolled member in it) with its sessions and counts; `NotInScope` when missing or unseen. */
export const classInScope = async (db: XfDb, scope: Scope, id: string): Promise<ClassRow> => {
  const [row] = await db
    .select(classColumns(scope))
    .from(educationClasses)
    .where(and(eq(educationClasses.id, id), classVisible(scope)))
    .limit(1)
  if (row === undefined) throw new NotInScope("class", id)
  const sessions = await db
    .select()
    .from(educationSessions)
    .where(eq(educationSessions.classId, id))
    .orderBy(asc(educationSessions.onDate), asc(educationSessions.startMinute))
  const { enrolled, times } = await countsOf(db, scope, [{ ...row.c, organizedInScope: row.organized }])
  return {
    ...row.c,
    orgName: row.c.organizerName,
    organizedInScope: row.organized,
    sessions,
    enrolled: enrolled.get(id) ?? 0,
    personTimes: times.get(id) ?? 0,
  }
}

/**
 * One class of the organizer's side of the scope (its organizer lies in the scope): what enrolling and closing
 * need. `NotInScope` when missing or unseen; `NotOrganizer` when the scope sees it only through its members.
 */
export const classOrganizedInScope = async (db: XfDb, scope: Scope, id: string): Promise<ClassRow> => {
  const c = await classInScope(db, scope, id)
  if (!c.organizedInScope) throw new NotOrganizer(id)
  return c
}

/** A class seen through its enrolled members only: the caller may not enrol in it or close it. */
export class NotOrganizer extends Error {
  readonly _tag = "NotOrganizer"
  constructor(readonly classId: string) {
    super(`class ${classId} is organized outside the caller's scope`)
  }
}

/**
 * One page of the classes the scope sees (organized in it or enrolling a member of it; within the subtree of
 * `orgId` when given), newest first, with the total.
 */
export const classesInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly page: number; readonly pageSize: number },
): Promise<{ readonly items: readonly ClassRow[]; readonly total: number }> => {
  const within = await withinOf(db, scope, query.orgId)
  const where = classVisible(scope, within)
  const rows = await db
    .select(classColumns(scope))
    .from(educationClasses)
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
  const { enrolled, times } = await countsOf(
    db,
    scope,
    rows.map((r) => ({ ...r.c, organizedInScope: r.organized })),
  )
  const [total] = await db.select({ n: count() }).from(educationClasses).where(where)
  return {
    items: rows.map((r) => ({
      ...r.c,
      orgName: r.c.organizerName,
      organizedInScope: r.organized,
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
    .where(and(inUuids(members.id, memberIds), orgRowInScope(scope)))
  // Grouped once: an enrolment names up to 20,000 members, and filtering every post for each was quadratic.
  const roles = new Map<string, string[]>()
  for (const x of await db
    .select({ memberId: educationRoles.memberId, role: educationRoles.role })
    .from(educationRoles)
    .where(inUuids(educationRoles.memberId, memberIds)))
    roles.set(x.memberId, [...(roles.get(x.memberId) ?? []), x.role])
  return new Map(rows.map((r) => [r.id, { ...r, roles: roles.get(r.id) ?? [] }]))
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

/**
 * The one write path of enrolments (a member enrolled twice stays enrolled once); returns how many were added.
 * Each row takes its member's organization (`org_id`, which the database checks, migration 0082), read here in
 * one statement per 5,000 members; a member the caller cannot see (missing, or outside its row-level scope) is
 * `NotInScope("member", id)`, thrown before anything is written (the API answers it 404, as any missing object).
 */
export const writeEnrolments = async (
  tx: XfDb,
  rows: readonly { readonly classId: string; readonly memberId: string }[],
): Promise<number> => {
  const memberIds = [...new Set(rows.map((r) => r.memberId))]
  const orgOf = new Map<string, string>()
  for (const m of await tx
    .select({ id: members.id, orgId: members.orgId })
    .from(members)
    .where(inUuids(members.id, memberIds)))
    orgOf.set(m.id, m.orgId)
  const values = rows.map((r) => {
    const orgId = orgOf.get(r.memberId)
    if (orgId === undefined) throw new NotInScope("member", r.memberId)
    return { ...r, orgId }
  })
  // A load streaming by COPY brings each enrolment once (a repeat fails the load rather than being skipped).
  if (streamsByCopy(tx)) return bulkInsert(tx, educationEnrolments, values)
  let added = 0
  for (let i = 0; i < values.length; i += 5000) {
    const r = await tx
      .insert(educationEnrolments)
      .values(values.slice(i, i + 5000))
      .onConflictDoNothing()
      .returning({ id: educationEnrolments.memberId })
    added += r.length
  }
  return added
}

/** The enrolled members of a class (already loaded in scope) that lie in the scope, by organization and name. */
export const enrolledMembers = async (
  db: XfDb,
  scope: Scope,
  classId: string,
): Promise<
  readonly { readonly id: string; readonly name: string; readonly orgId: string; readonly orgName: string }[]
> =>
  db
    .select({ id: members.id, name: members.name, orgId: orgs.id, orgName: orgs.name })
    .from(educationEnrolments)
    .innerJoin(members, eq(members.id, educationEnrolments.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(educationEnrolments.classId, classId), orgRowInScope(scope)))
    .orderBy(asc(orgs.path), asc(members.namePinyin), asc(members.id))

/**
 * Who was present at each session of a class (already loaded in scope): session id → member ids; every row for
 * the organizer's side (`c.organizedInScope`), the scope's own members' rows otherwise.
 */
export const attendanceOfClass = async (
  db: XfDb,
  scope: Scope,
  c: Pick<ClassRow, "id" | "organizedInScope">,
): Promise<ReadonlyMap<string, readonly string[]>> => {
  const rows = await db
    .select({ sessionId: educationAttendance.sessionId, memberId: educationAttendance.memberId })
    .from(educationAttendance)
    .innerJoin(educationSessions, eq(educationSessions.id, educationAttendance.sessionId))
    .where(
      and(
        eq(educationSessions.classId, c.id),
        c.organizedInScope
          ? undefined
          : enrolledInScope(educationSessions.classId, educationAttendance.memberId, scope),
      ),
    )
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(r.sessionId, [...(out.get(r.sessionId) ?? []), r.memberId])
  return out
}

/** The bulk insert path of attendance (the demo district, an import), for rows already checked. */
export const writeAttendance = async (
  tx: XfDb,
  rows: readonly { readonly sessionId: string; readonly memberId: string }[],
): Promise<void> => {
  // A load streaming by COPY brings each tick once (a repeat fails the load rather than being skipped).
  if (streamsByCopy(tx)) {
    await bulkInsert(tx, educationAttendance, rows)
    return
  }
  for (let i = 0; i < rows.length; i += 5000)
    await tx
      .insert(educationAttendance)
      .values(rows.slice(i, i + 5000))
      .onConflictDoNothing()
}

/**
 * The tick list's write path: the members of the scope present at a session become exactly `memberIds` (the
 * caller checked that they are enrolled and in the scope); the ticks of members outside the scope (another
 * branch's, in a class organized above) stay as they are. Run it in a transaction.
 */
export const setSessionAttendance = async (
  tx: XfDb,
  scope: Scope,
  sessionId: string,
  memberIds: readonly string[],
): Promise<void> => {
  await tx
    .delete(educationAttendance)
    .where(and(eq(educationAttendance.sessionId, sessionId), memberIn(educationAttendance.memberId, scope)))
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
  await classOrganizedInScope(tx, scope, id)
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
 * The sessions (课次) dated `from`…`to` of the classes the scope sees (organized in it or enrolling its members) not yet closed, soonest first, at most
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
      orgId: educationClasses.orgId,
      orgName: educationClasses.organizerName,
    })
    .from(educationSessions)
    .innerJoin(educationClasses, eq(educationClasses.id, educationSessions.classId))
    .where(
      and(
        classVisible(scope),
        isNull(educationClasses.closedAt),
        gte(educationSessions.onDate, from),
        lte(educationSessions.onDate, to),
      ),
    )
    .orderBy(asc(educationSessions.onDate), asc(educationSessions.startMinute), asc(educationSessions.id))
    .limit(limit)
