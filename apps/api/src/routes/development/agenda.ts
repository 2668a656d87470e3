import { date, type LocalizedText } from "@xianfeng/core"
import { loadDevelopmentPolicy, pipelineDeadlinesOf } from "@xianfeng/db"
import { isStepId, stepDefinition } from "@xianfeng/development-rules"
import { type AgendaEntry, defineAgendaSource } from "../../http/agenda-kit.js"
import { refreshPipelineIndex } from "../../stored/pipeline-index.js"

/**
 * 发展党员 in the agenda: each open development step whose deadline falls in the window, per person, read
 * from the pipeline index after refreshing only its stale rows (as the pipeline read does). The person is a
 * member of the caller's scope, whom the member list shows them anyway.
 */
export const developmentAgenda = defineAgendaSource({
  area: "development",
  entries: async ({ db, scope, today, from, to, limit }) => {
    const { policy } = await loadDevelopmentPolicy(db, scope.orgPath)
    await refreshPipelineIndex(db, scope, scope.orgPath, today, policy)
    const extra = new Map(policy.extraSteps.map((x) => [x.id as string, x.name]))
    const nameOf = (step: string): LocalizedText =>
      isStepId(step) ? stepDefinition(step).name : (extra.get(step) ?? { "zh-CN": step, en: step })
    const rows = await pipelineDeadlinesOf(db, scope, from, to, limit)
    return rows.map(
      (r): AgendaEntry => ({
        date: date(r.dueBy),
        kind: "development.step",
        key: `${r.memberId}/${r.step}/${r.dueBy}`,
        topic: nameOf(r.step),
        title: {
          "zh-CN": `${r.name}：${nameOf(r.step)["zh-CN"]}`,
          en: `${r.name}: ${nameOf(r.step).en}`,
        },
        orgId: r.orgId,
        orgName: r.orgName,
        person: r.name,
        link: `/development/people/${r.memberId}`,
        citations: isStepId(r.step) ? stepDefinition(r.step).citations : [],
        state: r.state,
      }),
    )
  },
})
