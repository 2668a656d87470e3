import { compareDates, type PlainDate } from "@xianfeng/core"
import {
  developmentRecordsOf,
  loadDevelopmentPolicy,
  type MemberStage,
  members,
  orgs,
  pathInSubtree,
  type XfDb,
} from "@xianfeng/db"
import { developmentRuleSets, evaluate } from "@xianfeng/development-rules"
import { and, count, eq, inArray } from "drizzle-orm"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { orgInScope } from "../platform/members.js"
import { Pipeline, PipelineQuery } from "./contract.js"
import { historyOf, personColumns, todayOf } from "./person.js"
import { text } from "./render.js"

/** The stages of the development pipeline, in order (full members are not in it). */
export const pipelineStages = [
  "applicant",
  "activist",
  "development-object",
  "probationary",
] as const satisfies readonly MemberStage[]

const BOARD_CAP = 50
const ATTENTION_CAP = 500

/** Where the pipeline lies: the caller's subtree, or an organization inside it (else 404). */
export const pipelineScope = async (db: XfDb, actor: Actor, orgId: string | undefined) => {
  const within = orgId ? (await orgInScope(db, actor, orgId)).path : actor.orgPath
  const scoped = and(
    pathInSubtree(orgs.path, actor.orgPath),
    within === actor.orgPath ? undefined : pathInSubtree(orgs.path, within),
    eq(members.status, "normal"),
  )
  return { within, scoped, where: and(scoped, inArray(members.stage, [...pipelineStages])) }
}

const sinceOf = (p: {
  stage: MemberStage
  appliedOn: PlainDate | null
  activistOn: PlainDate | null
  developmentObjectOn: PlainDate | null
  admittedOn: PlainDate | null
}) =>
  p.stage === "applicant"
    ? p.appliedOn
    : p.stage === "activist"
      ? p.activistOn
      : p.stage === "development-object"
        ? p.developmentObjectOn
        : p.admittedOn

export const pipeline = route({
  method: "get",
  path: "/api/development/pipeline",
  summary:
    "The development pipeline of a subtree: counts per stage, what is overdue or due soon, and a board",
  description:
    "Every person's history is evaluated today with the district policy; `attention` lists overdue steps and " +
    "steps due within `days` (default 30), most urgent first. The board holds at most 50 people per stage, " +
    "longest in the stage first.",
  tag: "development",
  auth: "user",
  query: PipelineQuery,
  response: Pipeline,
  handler: async ({ actor, query, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const horizon = today.add({ days: query.days ?? 30 })
    return deps.db.transaction(async (tx) => {
      const { within, scoped, where } = await pipelineScope(tx, actor, query.orgId)
      // Counted over every stage, full members included: the board shows where the pipeline leads.
      const counted = await tx
        .select({ stage: members.stage, n: count() })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(scoped)
        .groupBy(members.stage)
      const people = await tx
        .select({ ...personColumns })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(where)
      // All their records in one query: the subquery is the same scoped selection.
      const records = await developmentRecordsOf(
        tx,
        tx.select({ id: members.id }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(where),
      )
      const { policy } = await loadDevelopmentPolicy(tx, within)
      const attention: (typeof Pipeline.Type)["attention"][number][] = []
      for (const p of people) {
        const rows = records.get(p.id)
        if (rows === undefined) continue
        const e = evaluate(historyOf(p, rows, today), today, developmentRuleSets, policy)
        for (const s of e.steps) {
          if (s.dueBy === undefined) continue
          if (s.state === "overdue" || (s.state === "due" && compareDates(s.dueBy, horizon) <= 0)) {
            attention.push({
              memberId: p.id,
              name: p.name,
              orgId: p.orgId,
              orgName: p.orgName,
              stage: p.stage,
              step: s.step,
              stepName: text(s.name, lang),
              state: s.state,
              dueBy: s.dueBy.toString(),
            })
          }
        }
      }
      attention.sort(
        (a, b) =>
          (a.state === b.state ? 0 : a.state === "overdue" ? -1 : 1) ||
          a.dueBy.localeCompare(b.dueBy) ||
          a.name.localeCompare(b.name, "zh-CN"),
      )
      const board = pipelineStages.map((stage) => ({
        stage,
        people: people
          .filter((p) => p.stage === stage)
          .map((p) => ({
            memberId: p.id,
            name: p.name,
            orgName: p.orgName,
            since: sinceOf(p)?.toString() ?? null,
          }))
          .sort(
            (a, b) =>
              (a.since ?? "9999").localeCompare(b.since ?? "9999") || a.memberId.localeCompare(b.memberId),
          )
          .slice(0, BOARD_CAP),
      }))
      await audit(tx, deps, actor, {
        action: "development.pipeline",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { people: people.length, attention: attention.length },
      })
      return {
        asOf: today.toString(),
        counts: [...pipelineStages, "full" as const].map((stage) => ({
          stage,
          count: counted.find((r) => r.stage === stage)?.n ?? 0,
        })),
        attention: attention.slice(0, ATTENTION_CAP),
        attentionTotal: attention.length,
        board,
      }
    })
  },
})
