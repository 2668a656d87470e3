import { compareDates, isAfter } from "@xianfeng/core"
import { loadAreaPolicy, orderDeadlinesOf, subtreeSittings } from "@xianfeng/db"
import {
  br,
  calendarOf,
  disciplinePolicy,
  type ObligationId,
  type OrgShape,
  obligationTitles,
  type SittingType,
} from "@xianfeng/inspection-scheduling"
import { type AgendaEntry, defineAgendaSource } from "../../http/agenda-kit.js"

/** A committee is elected at 7 or more full members (BR); party groups are not recorded yet (as the heatmap). */
const shapeOf = (o: { kind: string; fullMembers: number }): OrgShape => ({
  kind: o.kind as OrgShape["kind"],
  hasCommittee: o.fullMembers >= 7,
  hasGroups: false,
})

const titleOf = (obligation: string) =>
  Object.hasOwn(obligationTitles, obligation)
    ? obligationTitles[obligation as ObligationId]
    : { "zh-CN": obligation, en: obligation }

/**
 * 组织生活与督查 in the agenda: for each organization of the scope, what its compliance calendar says falls due
 * next (each obligation's current period when not yet met, else the next one; a period still overdue), when
 * that day lies in the window; and every rectification order (整改通知) not yet closed whose deadline lies in it
 * (BR 17). Orders name their owner as recorded on the order, which the scope's users see on the order anyway.
 */
export const disciplineAgenda = defineAgendaSource({
  area: "discipline",
  entries: async ({ db, scope, today, from, to, limit }) => {
    const { policy } = await loadAreaPolicy(db, scope.orgPath, disciplinePolicy)
    // The calendar looks one period back (a year at most) from today; meetings are never dated ahead of it.
    const { orgs, sittings } = await subtreeSittings(
      db,
      scope,
      undefined,
      today.subtract({ years: 2 }),
      today,
    )
    const byOrg = new Map<string, { id: string; on: typeof today; counts: readonly SittingType[] }[]>()
    for (const s of sittings) {
      const list = byOrg.get(s.orgId) ?? []
      list.push({ id: s.id, on: s.onDate, counts: s.types as readonly SittingType[] })
      byOrg.set(s.orgId, list)
    }
    const obligations: AgendaEntry[] = []
    for (const o of orgs) {
      for (const p of calendarOf({ org: shapeOf(o), sittings: byOrg.get(o.id) ?? [], asOf: today, policy })) {
        if (compareDates(p.dueBy, from) < 0 || compareDates(p.dueBy, to) > 0) continue
        const t = titleOf(p.obligation)
        obligations.push({
          date: p.dueBy,
          kind: "discipline.obligation",
          key: `${o.id}/${p.obligation}/${p.period.key}`,
          title: {
            "zh-CN": `${o.name}：${t["zh-CN"]}（${p.period.key}）`,
            en: `${o.name}: ${t.en} (${p.period.key})`,
          },
          orgId: o.id,
          orgName: o.name,
          link: `/discipline/meetings?orgId=${encodeURIComponent(o.id)}`,
          citations: p.verdict.citations,
          state: p.status === "overdue" ? "overdue" : "due",
        })
      }
    }
    obligations.sort((a, b) => compareDates(a.date, b.date))
    const orders = (await orderDeadlinesOf(db, scope, from, to, limit)).map((r): AgendaEntry => {
      const t = titleOf(r.obligation)
      return {
        date: r.deadline,
        kind: "discipline.order",
        key: r.id,
        title: {
          "zh-CN": `${r.orgName}：整改期限（${t["zh-CN"]}）`,
          en: `${r.orgName}: rectification deadline (${t.en})`,
        },
        orgId: r.orgId,
        orgName: r.orgName,
        person: r.owner,
        link: `/discipline/inspections?orgId=${encodeURIComponent(r.orgId)}`,
        citations: [br(17)],
        state: isAfter(today, r.deadline) ? "overdue" : "due",
      }
    })
    return [...obligations.slice(0, limit), ...orders]
  },
})
