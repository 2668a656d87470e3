import { parseIdNumber, Temporal } from "@xianfeng/core"
import {
  idNumberCipherInScope,
  insertMember,
  isIdNumberRegistered,
  listMembersAtEpoch,
  listMembersInScope,
  memberInScope,
  memberInScopeAtEpoch,
  membersByIdNumberInScope,
  orgInScope,
  type Scope,
  updateMember as saveMember,
  stageCountsInScope,
  withinOf,
  type XfDb,
} from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
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
} from "./contract.js"
import { exportMembers } from "./member-export.js"
import { permissions } from "./permissions.js"
import { toMemberDetail, toMemberSummary } from "./views.js"

export const listMembers = route({
  method: "get",
  path: "/api/members",
  summary: "Members in the caller's subtree, with filters, search (names and pinyin initials) and pages",
  tag: "members",
  auth: "user",
  query: MemberQuery,
  response: MemberPage,
  // A text search stays in its transaction (the one-statement page has no search).
  oneStatement: ({ query }) => !query.q,
  handler: async ({ actor, query, deps, atEpoch }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const stage = query.stage ? { stage: query.stage } : {}
    const { rows, total } =
      atEpoch === undefined
        ? await listMembersInScope(deps.db, actor, {
            within: await withinOf(deps.db, actor, query.orgId),
            page,
            pageSize,
            ...stage,
            ...(query.q ? { q: query.q } : {}),
          })
        : await listMembersAtEpoch(deps.db, atEpoch, {
            ...(query.orgId === undefined ? {} : { orgId: query.orgId }),
            page,
            pageSize,
            ...stage,
          })
    await audit(deps.db, deps, actor, {
      action: "member.list",
      objectType: "org",
      objectId: query.orgId ?? actor.orgId,
      result: "ok",
      details: { page, pageSize, returned: rows.length, ...(query.q ? { searched: true } : {}) },
    })
    return { items: rows.map(toMemberSummary), total, page, pageSize }
  },
})

/** The member, if it lies in the scope (else the 404 of a missing one), as its page shows it. */
const loadDetail = async (db: XfDb, scope: Scope, id: string): Promise<MemberDetail> =>
  toMemberDetail(await memberInScope(db, scope, id))

export const memberDetail = route({
  method: "get",
  path: "/api/members/:id",
  summary: "One member inside the caller's subtree (ID number masked)",
  tag: "members",
  auth: "user",
  params: MemberParams,
  response: MemberDetail,
  oneStatement: () => true,
  handler: async ({ actor, params, deps, atEpoch }) => {
    const detail =
      atEpoch === undefined
        ? await loadDetail(deps.db, actor, params.id)
        : toMemberDetail(await memberInScopeAtEpoch(deps.db, atEpoch, params.id))
    await audit(deps.db, deps, actor, {
      action: "member.read",
      objectType: "member",
      objectId: params.id,
      result: "ok",
    })
    return detail
  },
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
    const parsed = parseIdNumber(body.idNumber, { field: "idNumber", asOf: todayOf(deps) })
    if (Result.isFailure(parsed)) throw problems.field(parsed.failure)
    const id = parsed.success
    return deps.db.transaction(async (tx) => {
      await orgInScope(tx, actor, body.orgId)
      if (await isIdNumberRegistered(tx, deps.vault, id.value)) {
        throw problems.conflict("这个身份证号码已经登记过。", "This ID number is already registered.", [
          {
            field: "idNumber",
            reason: "taken",
            message: { "zh-CN": "这个身份证号码已经登记过", en: "this ID number is already registered" },
          },
        ])
      }
      const row = await insertMember(tx, deps.vault, {
        orgId: body.orgId,
        name: body.name,
        sex: id.sex,
        birthDate: id.birthDate,
        ethnicity: body.ethnicity,
        education: body.education,
        occupationGroup: body.occupationGroup,
        stage: body.stage,
        idNumber: id.value,
        phone: body.phone ?? null,
        appliedOn: body.appliedOn ? Temporal.PlainDate.from(body.appliedOn) : null,
      })
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
const staleOrMissing = async (db: XfDb, scope: Scope, id: string): Promise<never> => {
  await memberInScope(db, scope, id) // 404 when missing or out of scope
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
      const saved = await saveMember(tx, deps.vault, params.id, version, changes, {
        scope: actor,
        at: deps.now(),
      })
      if (saved === undefined) return staleOrMissing(tx, actor, params.id)
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
      const before = await memberInScope(tx, actor, params.id)
      const saved = await saveMember(
        tx,
        deps.vault,
        params.id,
        body.version,
        { orgId: to.id },
        { scope: actor, at: deps.now() },
      )
      if (saved === undefined) return staleOrMissing(tx, actor, params.id)
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
      const cipher = await idNumberCipherInScope(tx, actor, params.id)
      if (cipher === null)
        throw problems.unprocessable(
          "id",
          "no-id-number",
          "该党员没有登记身份证号码，无可显示",
          "no ID number is on file for this member",
        )
      await audit(tx, deps, actor, {
        action: "member.reveal-id",
        objectType: "member",
        objectId: params.id,
        result: "ok",
        details: { reason: body.reason },
      })
      return { idNumber: deps.vault.decrypt(cipher) }
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
      const rows = await membersByIdNumberInScope(tx, actor, deps.vault, parsed.success.value)
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
    const within = await withinOf(deps.db, actor, query.orgId)
    const rows = await stageCountsInScope(deps.db, actor, within)
    return { items: rows }
  },
})

export const memberRoutes = [
  listMembers,
  // Before `/api/members/:id`, which would take `export.xlsx` for an id.
  exportMembers,
  lookupByIdNumber,
  memberDetail,
  createMember,
  updateMember,
  transferMember,
  revealIdNumber,
  membersByStage,
]
