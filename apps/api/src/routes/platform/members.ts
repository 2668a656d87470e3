import { maskIdNumber, parseIdNumber, Temporal } from "@xianfeng/core"
import { inSubtree, members, orgs, pathInSubtree, pinyinOf, type XfDb } from "@xianfeng/db"
import { and, asc, count, eq, like, or, type SQL } from "drizzle-orm"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { type Actor, permissions } from "../../auth/actor.js"
import {
  LookupBody,
  LookupResult,
  MemberCreate,
  MemberDetail,
  MemberPage,
  MemberParams,
  MemberQuery,
  MemberUpdate,
  RevealBody,
  RevealView,
  StageCounts,
  StatsQuery,
  TransferBody,
} from "../../contract.js"
import { todayOf } from "../../deps.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { iso, memberSummaryColumns, toMemberSummary } from "./views.js"

/** The org, if it lies inside the actor's subtree; otherwise the same 404 as a missing one. */
export const orgInScope = async (db: XfDb, actor: Actor, orgId: string) => {
  const [org] = await db
    .select({ id: orgs.id, path: orgs.path, kind: orgs.kind, name: orgs.name })
    .from(orgs)
    .where(and(eq(orgs.id, orgId), pathInSubtree(orgs.path, actor.orgPath)))
    .limit(1)
  if (org === undefined) throw problems.notFound()
  return org
}

/** Text search: pinyin initials or pinyin (`zs`, `zhangs`) for Latin input, the name otherwise. */
const searchCondition = (q: string): SQL | undefined => {
  const text = q.trim()
  if (text === "") return undefined
  const escaped = text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
  if (/^[a-z]+$/i.test(text)) {
    const lower = escaped.toLowerCase()
    return or(like(members.nameInitials, `${lower}%`), like(members.namePinyin, `${lower}%`))
  }
  return like(members.name, `%${escaped}%`)
}

export const listMembers = route({
  method: "get",
  path: "/api/members",
  summary: "Members in the caller's subtree, with filters, search (names and pinyin initials) and pages",
  tag: "members",
  auth: "user",
  query: MemberQuery,
  response: MemberPage,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const within = query.orgId ? (await orgInScope(deps.db, actor, query.orgId)).path : actor.orgPath
    const where = and(
      pathInSubtree(orgs.path, actor.orgPath),
      within === actor.orgPath ? undefined : pathInSubtree(orgs.path, within),
      query.stage ? eq(members.stage, query.stage) : undefined,
      query.q ? searchCondition(query.q) : undefined,
    )
    return deps.db.transaction(async (tx) => {
      const rows = await tx
        .select(memberSummaryColumns)
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(where)
        .orderBy(asc(members.namePinyin), asc(members.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
      const [total] = await tx
        .select({ n: count() })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(where)
      await audit(tx, deps, actor, {
        action: "member.list",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { page, pageSize, returned: rows.length, ...(query.q ? { searched: true } : {}) },
      })
      return { items: rows.map(toMemberSummary), total: total?.n ?? 0, page, pageSize }
    })
  },
})

const detailColumns = {
  ...memberSummaryColumns,
  ethnicity: members.ethnicity,
  education: members.education,
  occupationGroup: members.occupationGroup,
  status: members.status,
  appliedOn: members.appliedOn,
  activistOn: members.activistOn,
  developmentObjectOn: members.developmentObjectOn,
  admittedOn: members.admittedOn,
  fullMemberOn: members.fullMemberOn,
  version: members.version,
}

const loadDetail = async (db: XfDb, actor: Actor, id: string): Promise<typeof MemberDetail.Type> => {
  const [row] = await db
    .select(detailColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, id), pathInSubtree(orgs.path, actor.orgPath)))
    .limit(1)
  if (row === undefined) throw problems.notFound()
  const { phoneMasked: _masked, ...summary } = toMemberSummary(row)
  return {
    ...summary,
    phone: row.phone,
    ethnicity: row.ethnicity,
    education: row.education,
    occupationGroup: row.occupationGroup,
    status: row.status,
    appliedOn: iso(row.appliedOn),
    activistOn: iso(row.activistOn),
    developmentObjectOn: iso(row.developmentObjectOn),
    admittedOn: iso(row.admittedOn),
    fullMemberOn: iso(row.fullMemberOn),
    version: row.version,
  }
}

export const memberDetail = route({
  method: "get",
  path: "/api/members/:id",
  summary: "One member inside the caller's subtree (ID number masked)",
  tag: "members",
  auth: "user",
  params: MemberParams,
  response: MemberDetail,
  handler: async ({ actor, params, deps }) =>
    deps.db.transaction(async (tx) => {
      const detail = await loadDetail(tx, actor, params.id)
      await audit(tx, deps, actor, {
        action: "member.read",
        objectType: "member",
        objectId: params.id,
        result: "ok",
      })
      return detail
    }),
})

export const createMember = route({
  method: "post",
  path: "/api/members",
  summary: "Add a person to an organization in the caller's subtree",
  tag: "members",
  auth: "user",
  roles: permissions.writeMembers,
  body: MemberCreate,
  response: MemberDetail,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const parsed = parseIdNumber(body.idNumber, { field: "idNumber", asOf: isoToday(deps) })
    if (Result.isFailure(parsed)) throw problems.field(parsed.failure)
    const id = parsed.success
    return deps.db.transaction(async (tx) => {
      await orgInScope(tx, actor, body.orgId)
      const hash = deps.vault.blindIndex(id.value)
      const [dup] = await tx
        .select({ id: members.id })
        .from(members)
        .where(eq(members.idNumberHash, hash))
        .limit(1)
      if (dup !== undefined) {
        throw problems.conflict("这个身份证号码已经登记过。", "This ID number is already registered.")
      }
      const py = pinyinOf(body.name)
      const [row] = await tx
        .insert(members)
        .values({
          orgId: body.orgId,
          name: body.name,
          namePinyin: py.full,
          nameInitials: py.initials,
          sex: id.sex,
          birthDate: id.birthDate,
          ethnicity: body.ethnicity,
          education: body.education,
          occupationGroup: body.occupationGroup,
          stage: body.stage,
          idNumberCipher: deps.vault.encrypt(id.value),
          idNumberHash: hash,
          idNumberMasked: maskedOf(id.value),
          phone: body.phone ?? null,
          appliedOn: body.appliedOn ? Temporal.PlainDate.from(body.appliedOn) : null,
        })
        .returning({ id: members.id })
      if (row === undefined) throw new Error("insert returned nothing")
      await audit(tx, deps, actor, {
        action: "member.create",
        objectType: "member",
        objectId: row.id,
        result: "ok",
        details: { orgId: body.orgId },
      })
      return loadDetail(tx, actor, row.id)
    })
  },
})

/** Writes guarded by the version the client read: a stale write is a 409, one outside scope a 404. */
const staleOrMissing = async (db: XfDb, actor: Actor, id: string): Promise<never> => {
  await loadDetail(db, actor, id) // 404 when missing or out of scope
  throw problems.conflict(
    "这条记录已被他人修改，请刷新后再改。",
    "Someone changed this record since you read it; reload and try again.",
  )
}

export const updateMember = route({
  method: "patch",
  path: "/api/members/:id",
  summary: "Change a member's record (send the version you read; a stale version gets 409)",
  tag: "members",
  auth: "user",
  roles: permissions.writeMembers,
  params: MemberParams,
  body: MemberUpdate,
  response: MemberDetail,
  handler: async ({ actor, params, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const { version, ...changes } = body
      const set: Partial<typeof members.$inferInsert> = { ...changes, updatedAt: deps.now() }
      if (changes.name !== undefined) {
        const py = pinyinOf(changes.name)
        set.namePinyin = py.full
        set.nameInitials = py.initials
      }
      const [row] = await tx
        .update(members)
        .set({ ...set, version: version + 1 })
        .where(and(eq(members.id, params.id), eq(members.version, version), inScope(actor)))
        .returning({ id: members.id })
      if (row === undefined) return staleOrMissing(tx, actor, params.id)
      await audit(tx, deps, actor, {
        action: "member.update",
        objectType: "member",
        objectId: params.id,
        result: "ok",
        details: { fields: Object.keys(changes) },
      })
      return loadDetail(tx, actor, params.id)
    }),
})

export const transferMember = route({
  method: "post",
  path: "/api/members/:id/transfer",
  summary: "Move a member to another branch inside the caller's subtree",
  tag: "members",
  auth: "user",
  roles: permissions.writeMembers,
  params: MemberParams,
  body: TransferBody,
  response: MemberDetail,
  handler: async ({ actor, params, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const to = await orgInScope(tx, actor, body.toOrgId)
      if (to.kind !== "branch" && to.kind !== "general-branch") {
        throw problems.badRequest(
          "党员只能转入党支部或党总支。",
          "Members can only be transferred into a branch or general branch.",
          [
            {
              field: "toOrgId",
              reason: "not-a-branch",
              message: {
                "zh-CN": "目标组织不是党支部或党总支",
                en: "the target is not a branch or general branch",
              },
            },
          ],
        )
      }
      const before = await loadDetail(tx, actor, params.id)
      const [row] = await tx
        .update(members)
        .set({ orgId: to.id, version: body.version + 1, updatedAt: deps.now() })
        .where(and(eq(members.id, params.id), eq(members.version, body.version), inScope(actor)))
        .returning({ id: members.id })
      if (row === undefined) return staleOrMissing(tx, actor, params.id)
      await audit(tx, deps, actor, {
        action: "member.transfer",
        objectType: "member",
        objectId: params.id,
        result: "ok",
        details: { from: before.orgId, to: to.id },
      })
      return loadDetail(tx, actor, params.id)
    }),
})

export const revealIdNumber = route({
  method: "post",
  path: "/api/members/:id/reveal-id",
  summary: "Show a member's full ID number (audited, with the reason); never in a URL",
  tag: "members",
  auth: "user",
  roles: permissions.revealIdNumber,
  params: MemberParams,
  body: RevealBody,
  response: RevealView,
  handler: async ({ actor, params, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ cipher: members.idNumberCipher })
        .from(members)
        .where(and(eq(members.id, params.id), inScope(actor)))
        .limit(1)
      if (row === undefined || row.cipher === null) throw problems.notFound()
      await audit(tx, deps, actor, {
        action: "member.reveal-id",
        objectType: "member",
        objectId: params.id,
        result: "ok",
        details: { reason: body.reason },
      })
      return { idNumber: deps.vault.decrypt(row.cipher) }
    }),
})

export const lookupByIdNumber = route({
  method: "post",
  path: "/api/members/lookup",
  summary: "Find a member by full ID number (exact match through the keyed hash; audited)",
  description:
    "The number travels in the body, never in a URL. Answers an empty list outside the caller's subtree.",
  tag: "members",
  auth: "user",
  body: LookupBody,
  response: LookupResult,
  handler: async ({ actor, body, deps }) => {
    const parsed = parseIdNumber(body.idNumber, { field: "idNumber" })
    if (Result.isFailure(parsed)) throw problems.field(parsed.failure)
    return deps.db.transaction(async (tx) => {
      const rows = await tx
        .select(memberSummaryColumns)
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(
          and(
            eq(members.idNumberHash, deps.vault.blindIndex(parsed.success.value)),
            pathInSubtree(orgs.path, actor.orgPath),
          ),
        )
        .limit(1)
      await audit(tx, deps, actor, {
        action: "member.lookup-id",
        objectType: "member",
        objectId: rows[0]?.id ?? "",
        result: rows.length > 0 ? "ok" : "failed",
      })
      return { items: rows.map(toMemberSummary) }
    })
  },
})

export const membersByStage = route({
  method: "get",
  path: "/api/stats/members-by-stage",
  summary: "How many people are at each stage in an organization's subtree",
  tag: "members",
  auth: "user",
  query: StatsQuery,
  response: StageCounts,
  handler: async ({ actor, query, deps }) => {
    const within = query.orgId ? (await orgInScope(deps.db, actor, query.orgId)).path : actor.orgPath
    const rows = await deps.db
      .select({ stage: members.stage, count: count() })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(pathInSubtree(orgs.path, actor.orgPath), pathInSubtree(orgs.path, within)))
      .groupBy(members.stage)
    return { items: rows }
  },
})

const inScope = (actor: Actor) => inSubtree(members.orgId, actor.orgPath)
const maskedOf = (id: string) => maskIdNumber(id)
const isoToday = todayOf

export const memberRoutes = [
  listMembers,
  lookupByIdNumber,
  memberDetail,
  createMember,
  updateMember,
  transferMember,
  revealIdNumber,
  membersByStage,
]
