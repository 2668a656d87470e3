import { type MemberStage, maskIdNumber } from "@xianfeng/core"
import { and, asc, count, eq, like, or, type SQL, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import type { IdVault } from "../id-vault.js"
import { onePerHandle } from "../internal/prepared.js"
import { conditionOff } from "../internal/scope-condition.js"
import { wholeRowsAsJson } from "../internal/whole-rows.js"
import { NAME_SEPARATORS, normalizeName, pinyinOf, searchTextOf } from "../pinyin.js"
import { type Member, memberOrgCounts, members, type NewMember, orgs } from "../schema/index.js"
import { memberRowInScope, memberRowsInScope, NotInScope, orgRowInScope, type Scope } from "./scope.js"
import { EpochMoved, type EpochScope } from "./sessions.js"

/**
 * The members' queries and their one write path. A read that may cross the caller's subtree takes a `Scope`
 * and applies it inside the query (scope.ts); a write either takes one or runs after a scoped load.
 */

/** What a caller gives for a member; the search keys and the ID number columns are derived. */
export type MemberInput = Omit<
  NewMember,
  | "namePinyin"
  | "nameInitials"
  | "idNumberCipher"
  | "idNumberHash"
  | "idNumberMasked"
  | "version"
  | "createdAt"
  | "updatedAt"
> & {
  /** The plain number; it is stored encrypted, as a blind index and masked, never as is. */
  readonly idNumber?: string | null | undefined
}

/** The ID number columns for a plain number (or all null). */
export const idNumberColumns = (vault: IdVault, idNumber: string | null | undefined) =>
  idNumber === null || idNumber === undefined
    ? { idNumberCipher: null, idNumberHash: null, idNumberMasked: null }
    : {
        idNumberCipher: vault.encrypt(idNumber),
        idNumberHash: vault.blindIndex(idNumber),
        idNumberMasked: maskIdNumber(idNumber.trim().toUpperCase()),
      }

/** The row to insert for `input`: pinyin keys and ID number columns filled in. */
export const memberRow = (vault: IdVault, input: MemberInput): NewMember => {
  const { idNumber, ...rest } = input
  const name = normalizeName(input.name)
  const { full, initials } = pinyinOf(name)
  return { ...rest, name, namePinyin: full, nameInitials: initials, ...idNumberColumns(vault, idNumber) }
}

export const insertMember = async (tx: XfDb, vault: IdVault, input: MemberInput): Promise<Member> => {
  const [row] = await tx.insert(members).values(memberRow(vault, input)).returning()
  if (row === undefined) throw new Error("insert into members returned no row")
  return row
}

export type MemberPatch = Partial<Omit<MemberInput, "id">>

/** Options of `updateMember`. */
export interface UpdateMemberOptions {
  /** Only a member inside this subtree is changed; one outside it is left alone, as a missing one. */
  readonly scope?: Scope
  /** The change's instant, stored as `updated_at` (the API passes its clock; default now). */
  readonly at?: Date
}

/**
 * The one write path of a member row. Optimistic: applies `patch` only if the row still has
 * `expectedVersion` (and lies in `options.scope` when given), bumps the version, keeps the pinyin keys and
 * ID number columns in step with the name and number. Returns the new row, or undefined when the member is
 * gone, outside the scope or was changed meanwhile (tell them apart with `memberInScope`; the API answers
 * 404 or 409).
 */
export const updateMember = async (
  tx: XfDb,
  vault: IdVault,
  id: string,
  expectedVersion: number,
  patch: MemberPatch,
  options: UpdateMemberOptions = {},
): Promise<Member | undefined> => {
  const { idNumber, ...rest } = patch
  const set: Partial<NewMember> = { ...rest }
  if (patch.name !== undefined) {
    set.name = normalizeName(patch.name)
    const { full, initials } = pinyinOf(set.name)
    set.namePinyin = full
    set.nameInitials = initials
  }
  if (idNumber !== undefined) Object.assign(set, idNumberColumns(vault, idNumber))
  const [row] = await tx
    .update(members)
    .set({ ...set, version: sql`${members.version} + 1`, updatedAt: options.at ?? new Date() })
    .where(
      and(
        eq(members.id, id),
        eq(members.version, expectedVersion),
        options.scope === undefined ? undefined : memberRowInScope(options.scope),
      ),
    )
    .returning()
  return row
}

/** Finds a member by plain ID number through the blind index. */
export const findMemberByIdNumber = async (
  db: XfDb,
  vault: IdVault,
  idNumber: string,
): Promise<Member | undefined> =>
  (
    await db
      .select()
      .from(members)
      .where(eq(members.idNumberHash, vault.blindIndex(idNumber)))
      .limit(1)
  )[0]

/** Whether a plain ID number is already registered (to anyone, in any subtree: the number is unique). */
export const isIdNumberRegistered = async (db: XfDb, vault: IdVault, idNumber: string): Promise<boolean> =>
  (
    await db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.idNumberHash, vault.blindIndex(idNumber)))
      .limit(1)
  ).length > 0

/** The columns of a member summary, with its org's name; the full ID number is never selected for a list. */
const summaryColumns = {
  id: members.id,
  name: members.name,
  sex: members.sex,
  birthDate: members.birthDate,
  stage: members.stage,
  orgId: members.orgId,
  orgName: orgs.name,
  idNumberMasked: members.idNumberMasked,
  phone: members.phone,
}

/** One row of a member list: what `summaryColumns` selects. */
export interface MemberSummaryRow {
  readonly id: string
  readonly name: string
  readonly sex: Member["sex"]
  readonly birthDate: Member["birthDate"]
  readonly stage: MemberStage
  readonly orgId: string
  readonly orgName: string
  readonly idNumberMasked: string | null
  readonly phone: string | null
}

/**
 * Text search: pinyin initials or pinyin (`zs`, `zhangs`) for Latin input, the name otherwise. Separators
 * (·, ., •, ・, ．, spaces) are ignored on both sides: 阿依古丽买买提, 阿依古丽.买买提 and `ayiguli.maimaiti`
 * all find 阿依古丽·买买提.
 */
const searchCondition = (q: string): SQL | undefined => {
  const { text, latin } = searchTextOf(q)
  if (text === "") return undefined
  const escaped = text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
  if (latin) return or(like(members.nameInitials, `${escaped}%`), like(members.namePinyin, `${escaped}%`))
  return like(sql`translate(${members.name}, ${NAME_SEPARATORS}, '')`, `%${escaped}%`)
}

/** What a member list asks for. `within` is an org path already checked to lie in scope (`withinOf`). */
export interface MemberListQuery {
  readonly within?: string
  readonly stage?: MemberStage
  /** Name, pinyin or pinyin initials. */
  readonly q?: string
  /** 1-based. */
  readonly page: number
  readonly pageSize: number
}

/**
 * How many members of every status lie in the scope (and `within`, an org path already checked to lie in it) at
 * `stage` (at any stage when undefined): the sum of the stored per-organization counts (`member_org_counts`, kept
 * exact by the triggers of custom migration `member_org_counts_by_status`) over the subtree's organizations — the
 * number `count(*)` over those members gives, read from a few rows per organization instead of every member.
 */
const memberTotalInScope = async (
  db: XfDb,
  scope: Scope,
  within: string | undefined,
  stage: MemberStage | undefined,
): Promise<number> => {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${memberOrgCounts.n}), 0)::int`.mapWith(Number) })
    .from(memberOrgCounts)
    .innerJoin(orgs, eq(orgs.id, memberOrgCounts.orgId))
    .where(and(memberRowsInScope(scope, within), stage ? eq(memberOrgCounts.stage, stage) : undefined))
  return row?.n ?? 0
}

/**
 * One page of members inside the scope (and `within`), by pinyin, with the total count of matches: without a text
 * search (`q`) the filter is subtree and stage alone, and the total is `memberTotalInScope`'s stored counts; with
 * one, the matches are counted.
 */
export const listMembersInScope = async (
  db: XfDb,
  scope: Scope,
  query: MemberListQuery,
): Promise<{ rows: MemberSummaryRow[]; total: number }> => {
  const where = and(
    memberRowsInScope(scope, query.within),
    query.stage ? eq(members.stage, query.stage) : undefined,
    query.q ? searchCondition(query.q) : undefined,
  )
  const rows = await db
    .select(summaryColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(where)
    .orderBy(asc(members.namePinyin), asc(members.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  if (!query.q) return { rows, total: await memberTotalInScope(db, scope, query.within, query.stage) }
  const [total] = await db
    .select({ n: count() })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(where)
  return { rows, total: total?.n ?? 0 }
}

/** The page's rows as one JSON text (`wholeRowsAsJson`): one row of one field to parse and map, not fifty. */
const pageRows = wholeRowsAsJson(summaryColumns)

/**
 * `xf_member_page`, named: node-postgres parses it once per connection (PGlite each time); built once per handle.
 * One row whatever the page's size: how many rows the function returned (`found`, 0 when the organization is
 * missing or outside the scope), the epoch it moved to, the total, and the page's members as one JSON text in
 * the function's order (`WITH ORDINALITY`).
 */
const memberPageStatement = onePerHandle((db: XfDb) =>
  db
    .select({
      found: sql<number>`count(*)::int`,
      moved: sql<string | null>`min(r.moved)::text`,
      total: sql<number | null>`min(r.total)`.mapWith(Number),
      rows: pageRows.sql,
    })
    .from(
      sql`xf_member_page(${sql.placeholder("epoch")}::bigint, ${sql.placeholder("scope")}::text, ${sql.placeholder("condition")}::boolean, ${sql.placeholder("org")}::text, ${sql.placeholder("stage")}::text, ${sql.placeholder("limit")}::integer, ${sql.placeholder("offset")}::integer) with ordinality as r(moved, mem, org, total, n)`,
    )
    .prepare("xf_member_page"),
)

/** What a one-statement member list asks for: `MemberListQuery` without a text search, `orgId` not yet checked. */
export interface MemberPageQuery {
  /** List this org's subtree (it must lie in the scope, else `NotInScope`); the scope's own when undefined. */
  readonly orgId?: string
  readonly stage?: MemberStage
  /** 1-based. */
  readonly page: number
  readonly pageSize: number
}

/**
 * `withinOf` and `listMembersInScope` (without `q`) as one statement for a caller cached by the API process
 * (`EpochScope`): the function `xf_member_page` (custom migration `member_reads`, replaced by
 * `member_org_counts_triggers`) checks the authentication epoch, sets the scope row-level security reads
 * transaction-locally, checks `orgId`, reads the page and its total, in a statement that is its own transaction;
 * run it on the pool, outside any transaction. The total is not counted over the members: it is the sum of the
 * stored per-organization counts (`member_org_counts`, kept exact by that migration's triggers) over the
 * subtree's organizations for the stage — the same number, since the page filters by subtree and stage alone and
 * shows every status. The columns are `listMembersInScope`'s, read from the function's whole rows as one JSON
 * text (`wholeRowsAsJson`); the rows and totals are compared with the ordinary queries' over the demo district by
 * apps/api/test/one-statement-reads.test.ts, and the totals with `count(*)` after every kind of write by
 * packages/db/test/member-org-counts.test.ts.
 * @throws EpochMoved when the epoch is no longer `at.epoch` (nothing was read); NotInScope("org") when `orgId` is
 *   missing or outside the scope.
 */
export const listMembersAtEpoch = async (
  db: XfDb,
  at: EpochScope,
  query: MemberPageQuery,
): Promise<{ rows: MemberSummaryRow[]; total: number }> => {
  const result = await memberPageStatement(db).execute({
    epoch: at.epoch,
    scope: at.orgPath,
    condition: !conditionOff(),
    org: query.orgId ?? null,
    stage: query.stage ?? null,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  })
  const [page] = result
  if (page === undefined || page.found === 0) throw new NotInScope("org", query.orgId ?? at.orgPath)
  if (page.moved !== null) throw new EpochMoved(page.moved)
  // A page past the end is one row without a member, there to carry the total: the aggregate leaves it out.
  return { rows: pageRows.decode(page.rows), total: page.total ?? 0 }
}

const exportColumns = {
  ...summaryColumns,
  ethnicity: members.ethnicity,
  education: members.education,
  occupationGroup: members.occupationGroup,
  admittedOn: members.admittedOn,
  fullMemberOn: members.fullMemberOn,
}

/** One row of a member-list export: the list's columns and the register's (民族, 学历, 入党 and 转正 dates). */
export type MemberExportRow = MemberSummaryRow &
  Pick<Member, "ethnicity" | "education" | "occupationGroup" | "admittedOn" | "fullMemberOn">

/**
 * Every member inside the scope that the list's filter (`within`, `stage`, `q`) finds, in the list's order,
 * for an export: at most `limit` rows, with `total` the filter's true count (more than `limit` means the
 * caller must narrow the filter rather than get a cut list).
 */
export const membersForExport = async (
  db: XfDb,
  scope: Scope,
  query: Omit<MemberListQuery, "page" | "pageSize">,
  limit: number,
): Promise<{ rows: MemberExportRow[]; total: number }> => {
  const where = and(
    memberRowsInScope(scope, query.within),
    query.stage ? eq(members.stage, query.stage) : undefined,
    query.q ? searchCondition(query.q) : undefined,
  )
  const [total] = await db
    .select({ n: count() })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(where)
  const n = total?.n ?? 0
  if (n > limit) return { rows: [], total: n }
  const rows = await db
    .select(exportColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(where)
    .orderBy(asc(members.namePinyin), asc(members.id))
  return { rows, total: n }
}

/**
 * The members inside the scope with this plain ID number (through the blind index): none or one. A member
 * outside the scope is not found, as a missing one.
 */
export const membersByIdNumberInScope = async (
  db: XfDb,
  scope: Scope,
  vault: IdVault,
  idNumber: string,
): Promise<MemberSummaryRow[]> =>
  db
    .select(summaryColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.idNumberHash, vault.blindIndex(idNumber)), orgRowInScope(scope)))
    .limit(1)

/** The encrypted ID number of a member inside the scope; `NotInScope` when missing, outside or without one. */
export const idNumberCipherInScope = async (
  db: XfDb,
  scope: Scope,
  memberId: string,
): Promise<string | null> => {
  const [row] = await db
    .select({ cipher: members.idNumberCipher })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, memberId), orgRowInScope(scope)))
    .limit(1)
  if (row === undefined) throw new NotInScope("member", memberId)
  // A member in scope with no ID number on file is not a missing member: the caller says so (null).
  return row.cipher
}

/**
 * How many people in normal standing (`status = normal`, as the development pipeline counts them) are at each
 * stage in the scope (and `within`, a path already checked to lie in it): `[{ stage, count }]` by stage, only the
 * stages someone is at. The sums of the stored per-organization counts (`member_org_counts`, kept exact by the
 * triggers of custom migration `member_org_counts_by_status`) over the subtree's organizations — the numbers
 * `count(*) … group by stage` over those members gives, read from a few rows per organization instead of every
 * member (a province's 1,000,000 for its district admin).
 */
export const stageCountsInScope = async (
  db: XfDb,
  scope: Scope,
  within?: string,
): Promise<{ stage: MemberStage; count: number }[]> =>
  db
    .select({
      stage: memberOrgCounts.stage,
      count: sql<number>`sum(${memberOrgCounts.n})::int`.mapWith(Number),
    })
    .from(memberOrgCounts)
    .innerJoin(orgs, eq(orgs.id, memberOrgCounts.orgId))
    .where(and(memberRowsInScope(scope, within), eq(memberOrgCounts.status, "normal")))
    .groupBy(memberOrgCounts.stage)
    // A stage whose members all left keeps its stored rows at 0: not a stage anyone is at.
    .having(sql`sum(${memberOrgCounts.n}) > 0`)
    // One order whatever the plan (a hash aggregate's order differs between roles and backends).
    .orderBy(asc(memberOrgCounts.stage))
