import {
  loadDevelopmentPolicy,
  pipelineAttentionOf,
  pipelineBoardOf,
  pipelineCountsOf,
  pipelineStages,
  withinOf,
} from "@xianfeng/db"
import { ATTENTION_DAYS, attentionOf, isStepId, stepDefinition } from "@xianfeng/development-rules"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { refreshPipelineIndex } from "../../stored/pipeline-index.js"
import { Pipeline, PipelineQuery } from "./contract.js"
import { text } from "./render.js"

const BOARD_CAP = 50
const ATTENTION_CAP = 500

export const pipeline = route({
  method: "get",
  path: "/api/development/pipeline",
  summary:
    "The development pipeline of a subtree: counts per stage, what is overdue or due soon, and a board",
  description:
    "Read from the pipeline index: each person's open deadlines as the rules found them, re-evaluated today for " +
    "anyone whose stored day has come or whose record changed, so the answer equals evaluating everyone today " +
    "with the district policy. `attention` lists overdue steps and steps due within `days` (default 30), most " +
    "urgent first (at most `attention`, default 500; `attentionCounts` counts them all). The board holds at most " +
    "50 people per stage, longest in the stage first; `board=false` leaves it out (an empty list), for a summary " +
    "that shows only the counts and the most urgent few.",
  tag: "development",
  auth: "user",
  query: PipelineQuery,
  response: Pipeline,
  handler: async ({ actor, query, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const within = await withinOf(tx, actor, query.orgId)
      const { policy } = await loadDevelopmentPolicy(tx, within)
      const refreshed = await refreshPipelineIndex(tx, actor, within, today, policy)
      const extra = new Map(policy.extraSteps.map((x) => [x.id as string, x.name]))
      const nameOf = (step: string) =>
        isStepId(step) ? stepDefinition(step).name : (extra.get(step) ?? { "zh-CN": step, en: step })
      const days = query.days ?? ATTENTION_DAYS
      const listed = query.attention ?? ATTENTION_CAP
      // Only the steps that can be among the `listed` most urgent are read (ranked in SQL as the rules rank
      // before names, a tie at the last place whole), with the window's totals counted there; the rules'
      // attentionOf orders them and keeps exactly the first `listed` it would keep of every stored step.
      const found = await pipelineAttentionOf(tx, actor, within, today.add({ days }), listed)
      const attention = attentionOf(
        found.rows.map((r) => ({
          person: { id: r.memberId, name: r.name, orgId: r.orgId, orgName: r.orgName, stage: r.stage },
          steps: [{ step: r.step as never, name: nameOf(r.step), state: r.state, dueBy: r.dueBy }],
        })),
        today,
        days,
      )
      const counts = await pipelineCountsOf(tx, actor, within)
      const columns = query.board === "false" ? [] : await pipelineBoardOf(tx, actor, within, BOARD_CAP)
      const board = columns.map((col) => ({
        stage: col.stage,
        // The stage's true size: the board shows at most BOARD_CAP of it.
        total: counts.find((r) => r.stage === col.stage)?.count ?? 0,
        people: col.people.map((p) => ({
          memberId: p.memberId,
          name: p.name,
          orgName: p.orgName,
          since: p.since?.toString() ?? null,
        })),
      }))
      await audit(tx, deps, actor, {
        action: "development.pipeline",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: {
          people: counts
            .filter((r) => (pipelineStages as readonly string[]).includes(r.stage))
            .reduce((s, r) => s + r.count, 0),
          attention: found.overdue + found.due,
          refreshed,
        },
      })
      return {
        asOf: today.toString(),
        counts: [...pipelineStages, "full" as const].map((stage) => ({
          stage,
          count: counts.find((r) => r.stage === stage)?.count ?? 0,
        })),
        attention: attention.slice(0, listed).map((i) => ({
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
        attentionTotal: found.overdue + found.due,
        attentionCounts: { overdue: found.overdue, due: found.due },
        board,
      }
    })
  },
})
