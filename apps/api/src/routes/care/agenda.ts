import { visit } from "@xianfeng/care-ledger"
import { isAfter } from "@xianfeng/core"
import { visitDeadlinesOf } from "@xianfeng/db"
import { type AgendaEntry, defineAgendaSource } from "../../http/agenda-kit.js"

/**
 * 关怀帮扶 in the agenda: each visit plan (走访慰问) of the scope with someone still to visit, on its deadline —
 * the last day that counts as "before the festival" (the circular; the policy's lead days) — when that day lies
 * in the window. The title says how many of the people the plan names in the scope were visited.
 */
export const careAgenda = defineAgendaSource({
  area: "care",
  entries: async ({ db, scope, today, from, to, limit }) =>
    (await visitDeadlinesOf(db, scope, from, to, limit)).map(
      (p): AgendaEntry => ({
        date: p.deadline,
        kind: "care.visit-plan",
        key: p.id,
        title: {
          "zh-CN": `${p.orgName}：${p.title}节前走访截止（已走访${p.visited}/${p.targets}）`,
          en: `${p.orgName}: ${p.title}, last day for visits before the festival (${p.visited} of ${p.targets} visited)`,
        },
        orgId: p.orgId,
        orgName: p.orgName,
        link: "/care",
        citations: [visit()],
        state: isAfter(today, p.deadline) ? "overdue" : "due",
      }),
    ),
})
