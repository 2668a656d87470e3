/**
 * 学时: what a member's study hours are made of — class attendance, online learning, the posts and categories
 * training depends on, and EM 23 exemptions. Meetings come from discipline's query module
 * (`meetingFactsInSubtree`). Each query takes the caller's `Scope`; each table has one write path.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm"
import { bulkInsert, streamsByCopy } from "../bulk-copy.js"
import type { XfDb } from "../database.js"
import { inUuids } from "../internal/id-list.js"
import { pathInSubtree } from "../org-tree.js"
import { memberInScope, orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  educationAttendance,
  educationClasses,
  educationExemptions,
  educationOnline,
  educationRoles,
  educationSessions,
  members,
  orgs,
} from "../schema/index.js"

/** A stored piece of study time (the rules package's `StudyEntry`, with dates as `PlainDate`). */
export interface StudyEntryRow {
  readonly memberId: string
  readonly source: "class" | "online"
  readonly ref: string
  readonly onDate: PlainDate
  readonly startMinute: number | null
  readonly endMinute: number | null
  readonly tenths: number
  readonly centralized: boolean
  /** The class or the online record's title (for one member's entries; empty for a subtree's). */
  readonly title: string
}

/** Which members: the subtree of `orgId` (default the scope's root), or one member of the scope. */
export type StudyWho = { readonly orgId?: string | undefined } | { readonly memberId: string }

const whoCondition = async (db: XfDb, scope: Scope, who: StudyWho) => {
  if ("memberId" in who) {
    await memberInScope(db, scope, who.memberId)
    return eq(members.id, who.memberId)
  }
  return pathInSubtree(orgs.path, await withinOf(db, scope, who.orgId))
}

/**
 * The class attendance and online learning of the members of `who`, dated `from`…`to`: one row per present
 * attendance and per online record.
 */
export const studyEntriesOf = async (
  db: XfDb,
  scope: Scope,
  who: StudyWho,
  from: PlainDate,
  to: PlainDate,
): Promise<readonly StudyEntryRow[]> => {
  const cond = and(orgRowInScope(scope), await whoCondition(db, scope, who))
  // A class's title only for one member's card: a subtree's tens of thousands of rows do without it.
  const title =
    "memberId" in who
      ? sql<string>`${educationClasses.title} || ' · ' || ${educationSessions.topic}`
      : sql<string>`''`
  const classRows = await db
    .select({
      memberId: educationAttendance.memberId,
      ref: educationSessions.id,
      onDate: educationSessions.onDate,
      startMinute: educationSessions.startMinute,
      endMinute: educationSessions.endMinute,
      tenths: educationSessions.tenths,
      centralized: educationClasses.centralized,
      title,
    })
    .from(educationAttendance)
    .innerJoin(educationSessions, eq(educationSessions.id, educationAttendance.sessionId))
    .innerJoin(educationClasses, eq(educationClasses.id, educationSessions.classId))
    .innerJoin(members, eq(members.id, educationAttendance.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(cond, gte(educationSessions.onDate, from), lte(educationSessions.onDate, to)))
  const onlineRows = await db
    .select({
      memberId: educationOnline.memberId,
      ref: educationOnline.id,
      onDate: educationOnline.onDate,
      startMinute: educationOnline.startMinute,
      endMinute: educationOnline.endMinute,
      tenths: educationOnline.tenths,
      title: educationOnline.title,
    })
    .from(educationOnline)
    .innerJoin(members, eq(members.id, educationOnline.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(cond, gte(educationOnline.onDate, from), lte(educationOnline.onDate, to)))
  return [
    ...classRows.map((r) => ({ ...r, source: "class" as const })),
    ...onlineRows.map((r) => ({
      ...r,
      title: "memberId" in who ? r.title : "",
      source: "online" as const,
      centralized: false,
    })),
  ]
}

/** A member as the study-year rules see them. */
export interface StudyMemberRow {
  readonly id: string
  readonly name: string
  readonly orgId: string
  readonly orgName: string
  readonly orgPath: string
  readonly stage: string
  readonly admittedOn: PlainDate | null
  readonly fullMemberOn: PlainDate | null
  readonly roles: readonly { readonly role: string; readonly since: PlainDate }[]
  readonly exemption: { readonly reason: string; readonly studyBrought: string } | null
}

/**
 * The members (full and probationary, normal standing) of `who`, with their posts and categories and their
 * exemption for `year`, by organization and name.
 */
export const studyMembersOf = async (
  db: XfDb,
  scope: Scope,
  who: StudyWho,
  year: number,
): Promise<readonly StudyMemberRow[]> => {
  const rows = await db
    .select({
      id: members.id,
      name: members.name,
      orgId: orgs.id,
      orgName: orgs.name,
      orgPath: orgs.path,
      stage: members.stage,
      admittedOn: members.admittedOn,
      fullMemberOn: members.fullMemberOn,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        orgRowInScope(scope),
        await whoCondition(db, scope, who),
        inArray(members.stage, ["full", "probationary"]),
        eq(members.status, "normal"),
      ),
    )
    .orderBy(asc(orgs.path), asc(members.namePinyin), asc(members.id))
  const roles = new Map<string, { role: string; since: PlainDate }[]>()
  const exemptions = new Map<string, { reason: string; studyBrought: string }>()
  // The members' posts and exemptions by their ids in one parameter each (`inUuids`): lists of 5,000 bound
  // parameters took 32 statements and about a second of building and binding them for a committee of 79,141.
  const ids = rows.map((r) => r.id)
  if (rows.length > 0) {
    for (const r of await db.select().from(educationRoles).where(inUuids(educationRoles.memberId, ids)))
      roles.set(r.memberId, [...(roles.get(r.memberId) ?? []), { role: r.role, since: r.since }])
    for (const e of await db
      .select()
      .from(educationExemptions)
      .where(and(inUuids(educationExemptions.memberId, ids), eq(educationExemptions.year, year))))
      exemptions.set(e.memberId, { reason: e.reason, studyBrought: e.studyBrought })
  }
  return rows.map((r) => ({ ...r, roles: roles.get(r.id) ?? [], exemption: exemptions.get(r.id) ?? null }))
}

/** A new online-learning record. */
export interface NewOnline {
  readonly memberId: string
  readonly title: string
  readonly onDate: PlainDate
  readonly startMinute: number | null
  readonly endMinute: number | null
  readonly tenths: number
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/** The one write path of online learning, for records already checked (the API, an import, the demo). */
export const writeOnline = async (tx: XfDb, rows: readonly NewOnline[]): Promise<void> => {
  if (streamsByCopy(tx)) {
    await bulkInsert(tx, educationOnline, rows)
    return
  }
  for (let i = 0; i < rows.length; i += 5000) await tx.insert(educationOnline).values(rows.slice(i, i + 5000))
}

/** The one write path of posts and categories (bulk; a repeated (member, role) keeps the first). */
export const writeEducationRoles = async (
  tx: XfDb,
  rows: readonly {
    readonly memberId: string
    readonly role: (typeof educationRoles.$inferInsert)["role"]
    /** 委员分工, for a `committee-member` only. */
    readonly duty?: (typeof educationRoles.$inferInsert)["duty"]
    readonly since: PlainDate
  }[],
): Promise<void> => {
  // A load streaming by COPY brings each (member, role) once (a repeat fails the load rather than being skipped).
  if (streamsByCopy(tx)) {
    await bulkInsert(tx, educationRoles, rows)
    return
  }
  for (let i = 0; i < rows.length; i += 5000)
    await tx
      .insert(educationRoles)
      .values(rows.slice(i, i + 5000))
      .onConflictDoNothing()
}

/** The one write path of exemptions (bulk; a repeated (member, year) keeps the first). */
export const writeExemptions = async (
  tx: XfDb,
  rows: readonly (typeof educationExemptions.$inferInsert)[],
): Promise<void> => {
  // A load streaming by COPY brings each (member, year) once (a repeat fails the load rather than being skipped).
  if (streamsByCopy(tx)) {
    await bulkInsert(tx, educationExemptions, rows)
    return
  }
  for (let i = 0; i < rows.length; i += 5000)
    await tx
      .insert(educationExemptions)
      .values(rows.slice(i, i + 5000))
      .onConflictDoNothing()
}
