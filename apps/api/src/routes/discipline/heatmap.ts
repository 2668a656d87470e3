import { Temporal } from "@xianfeng/core"
import { loadAreaPolicy, subtreeSittings, subtreeTalks } from "@xianfeng/db"
import {
  complianceOf,
  complianceRate,
  disciplinePolicy,
  type ObligationPeriod,
  type OrgShape,
  periodContaining,
  periodsBetween,
  rollUp,
  type Sitting,
  type SittingType,
  type StatusCounts,
  summarize,
  type TalkPair,
  talkOf,
} from "@xianfeng/inspection-scheduling"
import { todayOf } from "../../deps.js"
import { route } from "../../http/route.js"
import { HeatmapQuery, HeatmapView } from "./contract.js"

const countsView = (c: StatusCounts) => ({ ...c, rate: complianceRate(c) })

/** A committee is elected at 7 or more full members (BR); party groups are not recorded yet. */
const shapeOf = (o: { kind: string; fullMembers: number }): OrgShape => ({
  kind: o.kind as OrgShape["kind"],
  hasCommittee: o.fullMembers >= 7,
  hasGroups: false,
})

export const disciplineHeatmap = route({
  method: "get",
  path: "/api/discipline/heatmap",
  summary:
    "Organizational life of a subtree: branches × months (each obligation-period counted in the month it ends), and the year rolled up every organization",
  tag: "discipline",
  auth: "user",
  query: HeatmapQuery,
  response: HeatmapView,
  handler: async ({ actor, query, deps }) => {
    const asOf = todayOf(deps)
    const year = query.year ?? asOf.year
    const from = Temporal.PlainDate.from({ year, month: 1, day: 1 })
    const to = Temporal.PlainDate.from({ year, month: 12, day: 31 })
    const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, disciplinePolicy)
    const { orgs, sittings } = await subtreeSittings(deps.db, actor, query.orgId, from, to)
    const talks = await subtreeTalks(deps.db, actor, query.orgId, from, to)
    const byOrgSittings = new Map<string, Sitting[]>()
    const add = (orgId: string, s: Sitting) => {
      const list = byOrgSittings.get(orgId)
      if (list === undefined) byOrgSittings.set(orgId, [s])
      else list.push(s)
    }
    for (const s of sittings)
      add(s.orgId, { id: s.id, on: s.onDate, counts: s.types as readonly SittingType[] })
    for (const t of talks) add(t.orgId, talkOf(t.id, t.onDate, t.pair as TalkPair))
    const byOrg = new Map<string, readonly ObligationPeriod[]>(
      orgs.map((o) => [
        o.id,
        complianceOf({ org: shapeOf(o), sittings: byOrgSittings.get(o.id) ?? [], from, to, asOf, policy }),
      ]),
    )
    const months = periodsBetween("month", from, to)
    const wholeYear = periodContaining("year", from)
    const ids = new Set(orgs.map((o) => o.id))
    const nodes = orgs.map((o) => ({
      id: o.id,
      parentId: o.parentId !== null && ids.has(o.parentId) ? o.parentId : null,
    }))
    const totals = rollUp(nodes, byOrg, wholeYear)
    const empty = { met: 0, upcoming: 0, due: 0, overdue: 0, missed: 0 }
    return {
      year,
      asOf: asOf.toString(),
      months: months.map((m) => m.key),
      branches: orgs
        .filter((o) => o.kind === "branch")
        .map((o) => ({
          orgId: o.id,
          name: o.name,
          kind: o.kind,
          parentId: o.parentId,
          cells: months.map((m) => countsView(summarize(byOrg.get(o.id) ?? [], m))),
          year: countsView(summarize(byOrg.get(o.id) ?? [], wholeYear)),
        })),
      rollup: orgs.map((o) => ({
        orgId: o.id,
        name: o.name,
        kind: o.kind,
        parentId: o.parentId,
        year: countsView(totals.get(o.id) ?? empty),
      })),
    }
  },
})
