import { developmentCaseOf } from "@xianfeng/db"
import {
  cultivationPlan,
  developmentRuleSets,
  historyOf,
  planItemLabels,
  planProgress,
} from "@xianfeng/development-rules"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { CultivationPlanView, PersonParams } from "./contract.js"

export const personPlan = route({
  method: "get",
  path: "/api/development/people/:memberId/plan",
  summary: "A person's cultivation plan (一人一策) for the coming six months, with progress",
  description:
    "Talks, thought reports and activities at the district's cadence, half-yearly assessments (DR 11) and, for " +
    "a development object, the centralized training (DR 17). Empty for anyone who is not an activist or " +
    "development object.",
  tag: "development",
  auth: "user",
  params: PersonParams,
  response: CultivationPlanView,
  handler: async ({ actor, params, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const { person, records, policy } = await developmentCaseOf(tx, actor, params.memberId)
      const history = historyOf(person, records, today)
      const plan = cultivationPlan(history, today.add({ months: 6 }), developmentRuleSets, policy)
      const progress = plan === undefined ? undefined : planProgress(plan, history, [], today)
      const items = (progress?.items ?? []).map((i) => ({
        kind: i.kind,
        name:
          lang === "zh-CN"
            ? `${planItemLabels[i.kind]["zh-CN"]}（第${i.seq}次）`
            : `${planItemLabels[i.kind].en} #${i.seq}`,
        dueBy: i.dueBy.toString(),
        state: i.state === "planned" ? ("upcoming" as const) : i.state,
        doneOn: i.doneOn?.toString() ?? null,
      }))
      await audit(tx, deps, actor, {
        action: "development.read",
        objectType: "member",
        objectId: person.id,
        result: "ok",
        details: { view: "plan" },
      })
      return {
        memberId: person.id,
        items,
        progress: {
          done: progress?.done ?? 0,
          due: progress?.due ?? 0,
          overdue: progress?.overdue ?? 0,
          upcoming: items.filter((i) => i.state === "upcoming").length,
        },
      }
    })
  },
})
