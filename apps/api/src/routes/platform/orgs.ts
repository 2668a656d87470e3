import { orgs, pathInSubtree } from "@xianfeng/db"
import { and, asc, eq } from "drizzle-orm"
import { Org, OrgList, OrgParams } from "../../contract.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { orgColumns } from "./views.js"

export const scopeRoot = route({
  method: "get",
  path: "/api/orgs/root",
  summary: "The root of the caller's organization subtree",
  tag: "organizations",
  auth: "user",
  response: Org,
  handler: async ({ actor, deps }) => {
    const [row] = await deps.db.select(orgColumns).from(orgs).where(eq(orgs.id, actor.orgId)).limit(1)
    if (row === undefined) throw problems.notFound()
    return row
  },
})

export const orgDetail = route({
  method: "get",
  path: "/api/orgs/:id",
  summary: "One organization inside the caller's subtree",
  tag: "organizations",
  auth: "user",
  params: OrgParams,
  response: Org,
  handler: async ({ actor, params, deps }) => {
    const [row] = await deps.db
      .select(orgColumns)
      .from(orgs)
      .where(and(eq(orgs.id, params.id), pathInSubtree(orgs.path, actor.orgPath)))
      .limit(1)
    if (row === undefined) throw problems.notFound()
    return row
  },
})

export const orgChildren = route({
  method: "get",
  path: "/api/orgs/:id/children",
  summary: "The organizations directly under one organization",
  tag: "organizations",
  auth: "user",
  params: OrgParams,
  response: OrgList,
  handler: async ({ actor, params, deps }) => {
    const [parent] = await deps.db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.id, params.id), pathInSubtree(orgs.path, actor.orgPath)))
      .limit(1)
    if (parent === undefined) throw problems.notFound()
    const items = await deps.db
      .select(orgColumns)
      .from(orgs)
      .where(and(eq(orgs.parentId, params.id), pathInSubtree(orgs.path, actor.orgPath)))
      .orderBy(asc(orgs.id))
    return { items }
  },
})

export const orgRoutes = [scopeRoot, orgDetail, orgChildren]
