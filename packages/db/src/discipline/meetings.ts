/**
 * 组织生活 meetings: every query of `discipline_meetings` and `discipline_attendance`. Each takes the caller's
 * `Scope`; the two tables have one write path, `saveMeeting` (a meeting and its attendance change together).
 */
import type { PlainDate } from "@xianfeng/core"
import type { AbsenceKind } from "@xianfeng/inspection-scheduling"
import { and, asc, count, eq, gte, inArray, lte, or, sql } from "drizzle-orm"
import { bulkInsert, streamsByCopy } from "../bulk-copy.js"
import { rowsOf, type XfDb } from "../database.js"
import { inSubtree, pathInSubtree } from "../org-tree.js"
import { NotInScope, orgInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  type DisciplineAttendance,
  type DisciplineMeeting,
  disciplineAttendance,
  disciplineMeetings,
  educationRoles,
  memberOrgCounts,
  members,
  orgs,
  type StoredResolution,
  type StoredVote,
} from "../schema/index.js"

/** One expected member: present, or absent with a reason (its kind, when the recorder chose one, and words). */
export interface AttendanceEntry {
  readonly memberId: string
  readonly present: boolean
  readonly reasonKind?: AbsenceKind | null
  readonly reason: string
}

/** What a meeting holds, as the rules package checked it. */
export interface MeetingFields {
  readonly orgId: string
  readonly types: readonly string[]
  readonly onDate: PlainDate
  readonly startTime: string
  readonly endTime: string
  readonly place: string
  readonly chair: string
  readonly recorder: string
  readonly expectedFull: number
  readonly expectedProbationary: number
  readonly presentFull: number
  readonly presentProbationary: number
  readonly observers: readonly string[]
  readonly firstItem: { readonly topic: string; readonly form: string } | null
  readonly agenda: readonly string[]
  readonly resolutions: readonly StoredResolution[]
  readonly votes: readonly StoredVote[]
  readonly attendance: readonly AttendanceEntry[]
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/** A meeting with its attendance. */
export interface MeetingRow extends DisciplineMeeting {
  readonly attendance: readonly AttendanceEntry[]
}

/** Attendance naming members who are not (or no longer) members of the meeting's organization. */
export interface NotOfBranch {
  readonly _tag: "NotOfBranch"
  readonly memberIds: readonly string[]
}

const attendanceOf = async (db: XfDb, meetingIds: readonly string[]) => {
  if (meetingIds.length === 0) return new Map<string, AttendanceEntry[]>()
  const rows = await db
    .select()
    .from(disciplineAttendance)
    .where(inArray(disciplineAttendance.meetingId, [...meetingIds]))
    .orderBy(asc(disciplineAttendance.memberId))
  const out = new Map<string, AttendanceEntry[]>()
  for (const r of rows) {
    out.set(r.meetingId, [
      ...(out.get(r.meetingId) ?? []),
      { memberId: r.memberId, present: r.present, reasonKind: r.reasonKind, reason: r.reason },
    ])
  }
  return out
}

/** The ids among `memberIds` that are not members of organization `orgId` itself. */
const strangers = async (
  db: XfDb,
  orgId: string,
  memberIds: readonly string[],
): Promise<readonly string[]> => {
  if (memberIds.length === 0) return []
  const found = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), inArray(members.id, [...memberIds])))
  const ok = new Set(found.map((m) => m.id))
  return memberIds.filter((id) => !ok.has(id))
}

const rowOf = <M extends MeetingFields>(m: M): Omit<M, "attendance"> => {
  const { attendance: _, ...rest } = m
  return rest
}

/**
 * The one insert path of meetings and their attendance, for callers that checked them (`saveMeeting` below,
 * the demo district, an import): stores them as they are and returns them in order.
 */
export const writeMeetings = async (
  tx: XfDb,
  meetings: readonly MeetingFields[],
): Promise<readonly MeetingRow[]> => {
  if (meetings.length === 0) return []
  const rows = await tx.insert(disciplineMeetings).values(meetings.map(rowOf)).returning()
  await writeRollCalls(
    tx,
    rows.flatMap((r, i) => (meetings[i]?.attendance ?? []).map((a) => ({ ...a, meetingId: r.id }))),
  )
  return rows.map((r, i) => ({ ...r, attendance: meetings[i]?.attendance ?? [] }))
}

/**
 * The bulk path of meetings for a load of trusted rows (the demo, an import): the rows of `writeMeetings`, each
 * with its `id` made by the caller (so nothing is read back), in statements of 500 sittings — each statement
 * bumps the basis stamps of the (organization, year)s it touches once, as `writeMeetings` does per call — by COPY
 * when the transaction streams by COPY (`streamBulkWritesByCopy`), else by multi-row INSERTs; their attendance
 * through `writeRollCalls`. Returns how many meetings.
 */
export const loadMeetings = async (
  tx: XfDb,
  meetings: readonly (MeetingFields & { readonly id: string })[],
): Promise<number> => {
  for (let k = 0; k < meetings.length; k += 500) {
    const chunk = meetings.slice(k, k + 500)
    await bulkInsert(tx, disciplineMeetings, chunk.map(rowOf))
    await writeRollCalls(
      tx,
      chunk.flatMap((m) => (m.attendance ?? []).map((a) => ({ ...a, meetingId: m.id }))),
    )
  }
  return meetings.length
}

/** One member's place in the roll call (到会情况) of one sitting. */
export type RollCallRow = Omit<DisciplineAttendance, "reason" | "reasonKind"> & {
  readonly reason?: string
  readonly reasonKind?: AbsenceKind | null
}

/**
 * The bulk writer of roll calls for meetings already written (the demo, an import), in chunks of 2,000 rows;
 * no checks (the caller's data is trusted, as with `writeMeetings`, which writes its attendance through here).
 * Returns how many rows it wrote.
 */
export const writeRollCalls = async (tx: XfDb, rows: readonly RollCallRow[]): Promise<number> => {
  if (streamsByCopy(tx)) return bulkInsert(tx, disciplineAttendance, rows as RollCallRow[])
  for (let k = 0; k < rows.length; k += 2_000) {
    await tx.insert(disciplineAttendance).values(rows.slice(k, k + 2_000) as RollCallRow[])
  }
  return rows.length
}

/**
 * After a bulk load of roll calls (`writeRollCalls`: the demo writes its meetings first and their roll calls with
 * each batch of members): every meeting that has a roll call gets the headcounts its roll call gives — expected
 * full and probationary members are those on the roll by their stage, present those ticked — so that a meeting
 * read and sent back unchanged passes `validateMeeting` (as many ticked as present, absentees = expected −
 * present). Meetings without a roll call keep theirs; versions do not move (it is the load, not an edit). One
 * statement; no checks (trusted data, as `writeRollCalls`). Returns how many meetings changed.
 */
export const headcountsFromRollCalls = async (tx: XfDb): Promise<number> => {
  const changed = await tx.execute(sql`
    with changed as (update ${disciplineMeetings} as m set
      expected_full = r.expected_full, expected_probationary = r.expected_probationary,
      present_full = r.present_full, present_probationary = r.present_probationary
    from (
      select a.meeting_id,
        count(*) filter (where p.stage = 'full')::int as expected_full,
        count(*) filter (where p.stage <> 'full')::int as expected_probationary,
        count(*) filter (where a.present and p.stage = 'full')::int as present_full,
        count(*) filter (where a.present and p.stage <> 'full')::int as present_probationary
      from ${disciplineAttendance} a join ${members} p on p.id = a.member_id
      group by a.meeting_id
    ) as r
    where m.id = r.meeting_id and (m.expected_full, m.expected_probationary, m.present_full, m.present_probationary)
      is distinct from (r.expected_full, r.expected_probationary, r.present_full, r.present_probationary)
    returning 1)
    select count(*)::int as n from changed`)
  return Number(rowsOf<{ n: number }>(changed)[0]?.n ?? 0)
}

/**
 * The one write path: a new meeting (`id` undefined) or a change to one at `expectedVersion`, with its
 * attendance replaced. The organization must lie in the scope (else `NotInScope`) and every member in the
 * attendance must belong to that organization (else `NotOfBranch`, and nothing is written). A change returns
 * `undefined` when the meeting is missing, outside the scope or was changed meanwhile (`meetingInScope` tells
 * 404 from 409). Run it in a transaction.
 */
export const saveMeeting = async (
  tx: XfDb,
  scope: Scope,
  fields: MeetingFields,
  edit?: { readonly id: string; readonly expectedVersion: number },
): Promise<MeetingRow | NotOfBranch | undefined> => {
  await orgInScope(tx, scope, fields.orgId)
  const outsiders = await strangers(
    tx,
    fields.orgId,
    fields.attendance.map((a) => a.memberId),
  )
  if (outsiders.length > 0) return { _tag: "NotOfBranch", memberIds: outsiders }
  if (edit === undefined) {
    const [created] = await writeMeetings(tx, [fields])
    if (created === undefined) throw new Error("insert into discipline_meetings returned no row")
    return created
  }
  const [row] = await tx
    .update(disciplineMeetings)
    .set({ ...rowOf(fields), version: sql`${disciplineMeetings.version} + 1` })
    .where(
      and(
        eq(disciplineMeetings.id, edit.id),
        eq(disciplineMeetings.version, edit.expectedVersion),
        inSubtree(disciplineMeetings.orgId, scope.orgPath),
      ),
    )
    .returning()
  if (row === undefined) return undefined
  await tx.delete(disciplineAttendance).where(eq(disciplineAttendance.meetingId, row.id))
  const meetingId = row.id
  if (fields.attendance.length > 0) {
    await tx.insert(disciplineAttendance).values(fields.attendance.map((a) => ({ ...a, meetingId })))
  }
  return { ...row, attendance: fields.attendance }
}

/**
 * A meeting of the scope with its attendance; `NotInScope` when missing or outside. With `lock`, the row is
 * locked for the rest of the transaction (an edit: a development step being linked to it waits, or is seen).
 */
export const meetingInScope = async (
  db: XfDb,
  scope: Scope,
  id: string,
  options: { readonly lock?: boolean } = {},
): Promise<MeetingRow> => {
  const q = db
    .select()
    .from(disciplineMeetings)
    .where(and(eq(disciplineMeetings.id, id), inSubtree(disciplineMeetings.orgId, scope.orgPath)))
    .limit(1)
  const [row] = options.lock === true ? await q.for("update") : await q
  if (row === undefined) throw new NotInScope("meeting", id)
  return { ...row, attendance: (await attendanceOf(db, [row.id])).get(row.id) ?? [] }
}

/** The meetings of one organization of the scope (else `NotInScope`) dated `from`…`to`, oldest first. */
export const meetingsOfOrg = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
  from: PlainDate,
  to: PlainDate,
): Promise<readonly MeetingRow[]> => {
  await orgInScope(db, scope, orgId)
  const rows = await db
    .select()
    .from(disciplineMeetings)
    .where(
      and(
        eq(disciplineMeetings.orgId, orgId),
        gte(disciplineMeetings.onDate, from),
        lte(disciplineMeetings.onDate, to),
      ),
    )
    .orderBy(asc(disciplineMeetings.onDate), asc(disciplineMeetings.id))
  const attendance = await attendanceOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => ({ ...r, attendance: attendance.get(r.id) ?? [] }))
}

/**
 * What a branch's obligations depend on: its kind, and how many full members it has (a committee is elected
 * at 7 or more, BR). `NotInScope` when outside the scope.
 */
export const orgShapeFacts = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<{ readonly kind: string; readonly name: string; readonly fullMembers: number }> => {
  const org = await orgInScope(db, scope, orgId)
  const [n] = await db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.stage, "full")))
  return { kind: org.kind, name: org.name, fullMembers: n?.n ?? 0 }
}

/** An organization of a subtree with what its obligations depend on. */
export interface OrgShapeRow {
  readonly id: string
  readonly parentId: string | null
  readonly kind: string
  readonly name: string
  readonly path: string
  readonly fullMembers: number
}

/**
 * Every organization in the subtree of `orgId` (default: the scope's root; must lie in the scope, else
 * `NotInScope`) with its count of full members, and every sitting of those organizations dated `from`…`to`
 * (id, organization, date, types; oldest first) — what a district or committee roll-up needs in two queries.
 */
export const subtreeSittings = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  from: PlainDate,
  to: PlainDate,
): Promise<{
  readonly orgs: readonly OrgShapeRow[]
  readonly sittings: readonly {
    readonly id: string
    readonly orgId: string
    readonly onDate: PlainDate
    readonly types: readonly string[]
  }[]
}> => {
  const within = await withinOf(db, scope, orgId)
  // Full members of every status per organization: the stored counts (member_org_counts), not the members.
  const full = db
    .select({ orgId: memberOrgCounts.orgId, n: sql<number>`sum(${memberOrgCounts.n})`.as("n") })
    .from(memberOrgCounts)
    .where(eq(memberOrgCounts.stage, "full"))
    .groupBy(memberOrgCounts.orgId)
    .as("full")
  const orgRows = await db
    .select({
      id: orgs.id,
      parentId: orgs.parentId,
      kind: orgs.kind,
      name: orgs.name,
      path: orgs.path,
      fullMembers: sql<number>`coalesce(${full.n}, 0)`.mapWith(Number),
    })
    .from(orgs)
    .leftJoin(full, eq(full.orgId, orgs.id))
    .where(pathInSubtree(orgs.path, within))
    .orderBy(asc(orgs.path))
  const sittings = await db
    .select({
      id: disciplineMeetings.id,
      orgId: disciplineMeetings.orgId,
      onDate: disciplineMeetings.onDate,
      types: disciplineMeetings.types,
    })
    .from(disciplineMeetings)
    .where(
      and(
        inSubtree(disciplineMeetings.orgId, within),
        gte(disciplineMeetings.onDate, from),
        lte(disciplineMeetings.onDate, to),
      ),
    )
    .orderBy(asc(disciplineMeetings.onDate), asc(disciplineMeetings.id))
  return { orgs: orgRows, sittings }
}

/** A meeting as another area reads it: kinds, day, times, 第一议题 and who was present. */
export interface MeetingFactsRow {
  readonly id: string
  readonly orgId: string
  readonly orgName: string
  readonly types: readonly string[]
  readonly onDate: PlainDate
  readonly startTime: string
  readonly endTime: string
  readonly firstItem: { readonly topic: string; readonly form: string } | null
  readonly presentMemberIds: readonly string[]
}

/**
 * Every meeting of the subtree of `orgId` (default: the scope's root; else `NotInScope`) dated `from`…`to`,
 * oldest first, with the members ticked present — what education reads to credit study and keep the 第一议题
 * ledger (it passes them to its rules package as plain data). With `kinds`, only meetings of one of those kinds;
 * with `attendedOnly`, only meetings someone was ticked present at (what study hours need). With `present: false`,
 * who was present is not read (every row's `presentMemberIds` is empty): the 第一议题 ledger needs only the meetings,
 * and a committee's year of attendance rows at a province is millions (5.5 s of the ledger's 9.5 s).
 */
export const meetingFactsInSubtree = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  from: PlainDate,
  to: PlainDate,
  options: {
    readonly kinds?: readonly string[]
    readonly attendedOnly?: boolean
    readonly present?: boolean
  } = {},
): Promise<readonly MeetingFactsRow[]> => {
  const within = await withinOf(db, scope, orgId)
  const ofKinds =
    options.kinds === undefined
      ? undefined
      : options.kinds.length === 0
        ? sql`false`
        : or(...options.kinds.map((k) => sql`${disciplineMeetings.types} @> ${JSON.stringify([k])}::jsonb`))
  const attended =
    options.attendedOnly === true
      ? sql`exists (select 1 from ${disciplineAttendance} where ${disciplineAttendance.meetingId} = ${disciplineMeetings.id} and ${disciplineAttendance.present})`
      : undefined
  const rows = await db
    .select({
      id: disciplineMeetings.id,
      orgId: disciplineMeetings.orgId,
      orgName: orgs.name,
      types: disciplineMeetings.types,
      onDate: disciplineMeetings.onDate,
      startTime: disciplineMeetings.startTime,
      endTime: disciplineMeetings.endTime,
      firstItem: disciplineMeetings.firstItem,
    })
    .from(disciplineMeetings)
    .innerJoin(orgs, eq(orgs.id, disciplineMeetings.orgId))
    .where(
      and(
        pathInSubtree(orgs.path, within),
        gte(disciplineMeetings.onDate, from),
        lte(disciplineMeetings.onDate, to),
        ofKinds,
        attended,
      ),
    )
    .orderBy(asc(disciplineMeetings.onDate), asc(disciplineMeetings.id))
  const present = new Map<string, string[]>()
  if (rows.length > 0 && options.present !== false) {
    const att = await db
      .select({ meetingId: disciplineAttendance.meetingId, memberId: disciplineAttendance.memberId })
      .from(disciplineAttendance)
      .innerJoin(disciplineMeetings, eq(disciplineMeetings.id, disciplineAttendance.meetingId))
      .innerJoin(orgs, eq(orgs.id, disciplineMeetings.orgId))
      .where(
        and(
          eq(disciplineAttendance.present, true),
          pathInSubtree(orgs.path, within),
          gte(disciplineMeetings.onDate, from),
          lte(disciplineMeetings.onDate, to),
        ),
      )
    for (const a of att) {
      const list = present.get(a.meetingId)
      if (list === undefined) present.set(a.meetingId, [a.memberId])
      else list.push(a.memberId)
    }
  }
  return rows.map((r) => ({ ...r, presentMemberIds: present.get(r.id) ?? [] }))
}

/**
 * The names of those of `memberIds` who are members of an organization in the scope, by id (for a ledger that
 * names absentees and talkers). Names are personal data: the caller audits the read.
 */
export const memberNamesInScope = async (
  db: XfDb,
  scope: Scope,
  memberIds: readonly string[],
): Promise<ReadonlyMap<string, string>> => {
  if (memberIds.length === 0) return new Map()
  const rows = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(inArray(members.id, [...new Set(memberIds)]), pathInSubtree(orgs.path, scope.orgPath)))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** One member on a branch's roll (名册) for a meeting: full or probationary, with the posts they hold. */
export interface MeetingRollMember {
  readonly id: string
  readonly name: string
  readonly stage: "full" | "probationary"
  /** The posts on record (`education_roles`: secretary, deputy-secretary, committee-member, …). */
  readonly posts: readonly string[]
}

/**
 * The roll a meeting of organization `orgId` (in the scope, else `NotInScope`) is taken from: its own full and
 * probationary members (not those of organizations below it), by pinyin, each with the posts on record.
 * Personal data: the caller audits the read.
 */
export const meetingRollOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
): Promise<readonly MeetingRollMember[]> => {
  await orgInScope(db, scope, orgId)
  const rows = await db
    .select({
      id: members.id,
      name: members.name,
      stage: members.stage,
      posts: sql<string[]>`coalesce((select array_agg(r.role order by r.role) from ${educationRoles} r
        where r.member_id = ${members.id}), '{}')`,
    })
    .from(members)
    .where(and(eq(members.orgId, orgId), inArray(members.stage, ["full", "probationary"])))
    .orderBy(asc(members.namePinyin), asc(members.id))
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    stage: r.stage as MeetingRollMember["stage"],
    posts: r.posts ?? [],
  }))
}
