import type { PlainDate } from "@xianfeng/core"
import {
  type DevelopmentPerson,
  developmentPipelineOf,
  type PipelineStage,
  pipelineStages,
} from "@xianfeng/db"
import {
  ATTENTION_DAYS,
  type AttentionInput,
  attentionOf,
  developmentRuleSets,
  evaluate,
  historyOf,
} from "@xianfeng/development-rules"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { Pipeline, PipelineQuery } from "./contract.js"
import { text } from "./render.js"

const BOARD_CAP = 50
const ATTENTION_CAP = 500

/** The date the person entered their current stage. */
const sinceOf = (p: DevelopmentPerson & { stage: PipelineStage }): PlainDate | null =>
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
    return deps.db.transaction(async (tx) => {
      const { counts, people, records, policy } = await developmentPipelineOf(tx, actor, query.orgId)
      // One person evaluated at a time: only what needs attention is kept, not every evaluation.
      function* evaluated(): Generator<AttentionInput<(typeof people)[number]>> {
        for (const person of people) {
          const rows = records.get(person.id)
          if (rows === undefined) continue
          const e = evaluate(historyOf(person, rows, today), today, developmentRuleSets, policy)
          yield { person, steps: e.steps }
        }
      }
      const attention = attentionOf(evaluated(), today, query.days ?? ATTENTION_DAYS)
      const board = pipelineStages.map((stage) => {
        const inStage = people.filter((p) => p.stage === stage)
        return {
          stage,
          total: inStage.length,
          people: inStage
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
        }
      })
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
          count: counts.find((r) => r.stage === stage)?.count ?? 0,
        })),
        attention: attention.slice(0, ATTENTION_CAP).map((i) => ({
          memberId: i.person.id,
          name: i.person.name,
          orgId: i.person.orgId,
          orgName: i.person.orgName,
          stage: i.person.stage,
          step: i.step.step,
          stepName: text(i.step.name, lang),
          state: i.state,
          dueBy: i.dueBy.toString(),
        })),
        attentionTotal: attention.length,
        attentionCounts: {
          overdue: attention.filter((i) => i.state === "overdue").length,
          due: attention.filter((i) => i.state !== "overdue").length,
        },
        board,
      }
    })
  },
})
