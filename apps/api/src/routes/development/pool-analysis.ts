import type { PlainDate } from "@xianfeng/core"
import {
  type ActivistPoolAnalysisRow,
  activistPoolAnalysesOf,
  orgInScope,
  recordActivistPoolAnalysis,
  type Scope,
  type XfDb,
} from "@xianfeng/db"
import {
  ActivistPoolAnalysisSchema,
  activistPoolAnalysisStatus,
  developmentRuleSets,
} from "@xianfeng/development-rules"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { PoolAnalysisQuery, PoolAnalysisStatus } from "./contract.js"
import { developmentPermissions } from "./permissions.js"
import { renderVerdictView } from "./render.js"

/** Loads an organization's analyses of `year` (in scope, else `NotInScope`) and judges the year's duty. */
const statusOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
  year: number,
  today: PlainDate,
  lang: Lang,
): Promise<PoolAnalysisStatus> => {
  const org = await orgInScope(db, scope, orgId)
  const rows = await activistPoolAnalysesOf(db, scope, orgId, year)
  const v = activistPoolAnalysisStatus(
    rows.map((r) => ({ on: r.onDate })),
    year,
    today,
    developmentRuleSets,
  )
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    status: v.status === "ok" ? "ok" : v.status === "overdue" ? "overdue" : "due",
    verdict: renderVerdictView(v, lang),
    analyses: rows.map((r: ActivistPoolAnalysisRow) => ({
      id: r.id,
      on: r.onDate.toString(),
      analysedBy: r.analysedBy as "county-org-department" | "grassroots-committee",
      activists: r.activists,
      problems: r.problems,
      measures: r.measures,
      recordedAt: r.recordedAt.toISOString(),
    })),
  }
}

export const poolAnalysisStatus = route({
  method: "get",
  path: "/api/development/activist-pool-analyses",
  summary: "An organization's yearly analysis of its activist pool (DR 11) and whether the year's is done",
  description:
    "The analyses dated in `year` and the year's status: ok (one is on file), due (by 31 December) or overdue " +
    "(the year is over without one). `orgId` defaults to the caller's organization.",
  tag: "development",
  auth: "user",
  query: PoolAnalysisQuery,
  response: PoolAnalysisStatus,
  handler: async ({ actor, query, deps, c }) =>
    deps.db.transaction((tx) =>
      statusOf(tx, actor, query.orgId ?? actor.orgId, query.year, todayOf(deps), langOf(c)),
    ),
})

export const recordPoolAnalysis = route({
  method: "post",
  path: "/api/development/activist-pool-analyses",
  summary: "Record an organization's yearly analysis of its activist pool (入党积极分子队伍状况分析, DR 11)",
  description:
    "The analysis names the problems found and the measures taken (both required). Answers the year's status " +
    "for the organization, the new analysis included.",
  tag: "development",
  auth: "user",
  roles: developmentPermissions.recordPoolAnalysis,
  body: ActivistPoolAnalysisSchema,
  response: PoolAnalysisStatus,
  status: 201,
  handler: async ({ actor, body, deps, c }) => {
    const today = todayOf(deps)
    if (body.on.toString() > today.toString()) {
      throw problems.badRequest(`不能登记未来日期（${body.on}）的分析`, `on ${body.on} is in the future`, [
        {
          field: "on",
          reason: "future",
          message: { "zh-CN": "日期不能晚于今天", en: "the date cannot be after today" },
        },
      ])
    }
    return deps.db.transaction(async (tx) => {
      const row = await recordActivistPoolAnalysis(tx, actor, {
        orgId: body.orgId,
        onDate: body.on,
        analysedBy: body.analysedBy,
        activists: body.activists,
        problems: body.problems,
        measures: body.measures,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "development.pool-analysis.record",
        objectType: "org",
        objectId: body.orgId,
        result: "ok",
        details: { id: row.id, on: body.on.toString(), activists: body.activists },
      })
      return statusOf(tx, actor, body.orgId, body.on.year, today, langOf(c))
    })
  },
})
