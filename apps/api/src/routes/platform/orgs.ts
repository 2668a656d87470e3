import type { FieldError } from "@xianfeng/core"
import {
  insertOrg,
  moveOrg,
  orgChildrenInScope,
  orgInScope,
  orgViewInScope,
  renameOrg,
  searchOrgsInScope,
} from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { Org, OrgCreate, OrgHits, OrgList, OrgParams, OrgSearchQuery, OrgUpdate } from "./contract.js"
import { permissions } from "./permissions.js"

export const scopeRoot = route({
  method: "get",
  path: "/api/orgs/root",
  summary: "The root of the caller's organization subtree",
  tag: "organizations",
  auth: "user",
  response: Org,
  handler: async ({ actor, deps }) => orgViewInScope(deps.db, actor, actor.orgId),
})

export const orgDetail = route({
  method: "get",
  path: "/api/orgs/:id",
  summary: "One organization inside the caller's subtree",
  tag: "organizations",
  auth: "user",
  params: OrgParams,
  response: Org,
  handler: async ({ actor, params, deps }) => orgViewInScope(deps.db, actor, params.id),
})

export const orgChildren = route({
  method: "get",
  path: "/api/orgs/:id/children",
  summary: "The organizations directly under one organization",
  tag: "organizations",
  auth: "user",
  params: OrgParams,
  response: OrgList,
  handler: async ({ actor, params, deps }) => ({
    items: await orgChildrenInScope(deps.db, actor, params.id),
  }),
})

export const searchOrgs = route({
  method: "get",
  path: "/api/orgs",
  summary:
    "The organizations of the caller's subtree whose name contains `q`, wherever they stand (at most 30)",
  description:
    "For pickers whose tree loads one level at a time: a branch under a node not yet opened is found too. " +
    "Shortest names first, each with its parent's name; an empty `q` answers 422 naming `q`.",
  tag: "organizations",
  auth: "user",
  query: OrgSearchQuery,
  response: OrgHits,
  handler: async ({ actor, query, deps }) => ({ items: await searchOrgsInScope(deps.db, actor, query.q) }),
})

const fieldProblem = (e: FieldError) =>
  e.reason === "duplicate" || e.reason === "conflict"
    ? problems.conflict(e.messageZh, e.message, [
        { field: e.field, reason: e.reason, message: { "zh-CN": e.messageZh, en: e.message } },
      ])
    : problems.field(e)

export const createOrg = route({
  method: "post",
  path: "/api/orgs",
  summary: "Create an organization under one inside the caller's subtree",
  description: "The kinds must fit (a branch cannot hold a committee); the id doubles as a path label.",
  tag: "organizations",
  auth: "user",
  roles: permissions.manageOrgs,
  body: OrgCreate,
  response: Org,
  status: 201,
  handler: async ({ actor, body, deps }) =>
    deps.db.transaction(async (tx) => {
      await orgInScope(tx, actor, body.parentId)
      const made = await insertOrg(tx, body)
      if (Result.isFailure(made)) throw fieldProblem(made.failure)
      await audit(tx, deps, actor, {
        action: "org.create",
        objectType: "org",
        objectId: body.id,
        result: "ok",
        details: { parentId: body.parentId, kind: body.kind },
      })
      return orgViewInScope(tx, actor, body.id)
    }),
})

export const updateOrg = route({
  method: "patch",
  path: "/api/orgs/:id",
  summary:
    "Rename an organization or move it, with its subtree, under another parent (send the version you read)",
  tag: "organizations",
  auth: "user",
  roles: permissions.manageOrgs,
  params: OrgParams,
  body: OrgUpdate,
  response: Org,
  handler: async ({ actor, params, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const org = await orgInScope(tx, actor, params.id)
      if (org.id === actor.orgId) {
        throw problems.forbidden(
          "不能修改或移动自己管理范围的根组织。",
          "You cannot change or move the root of your own scope.",
        )
      }
      let version = body.version
      if (body.name !== undefined || body.shortName !== undefined) {
        const renamed = await renameOrg(tx, org.id, version, {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.shortName === undefined ? {} : { shortName: body.shortName }),
        })
        if (renamed === undefined) {
          throw problems.conflict(
            "该组织已被他人修改，请刷新后再改。",
            "Someone changed this organization since you read it; reload and try again.",
          )
        }
        version = renamed
      }
      if (body.parentId !== undefined) {
        await orgInScope(tx, actor, body.parentId)
        const moved = await moveOrg(tx, { id: org.id, newParentId: body.parentId, expectedVersion: version })
        if (Result.isFailure(moved)) throw fieldProblem(moved.failure)
      }
      await audit(tx, deps, actor, {
        action: "org.update",
        objectType: "org",
        objectId: org.id,
        result: "ok",
        details: { fields: Object.keys(body).filter((k) => k !== "version") },
      })
      return orgViewInScope(tx, actor, org.id)
    }),
})

export const orgRoutes = [scopeRoot, orgDetail, orgChildren, searchOrgs, createOrg, updateOrg]
