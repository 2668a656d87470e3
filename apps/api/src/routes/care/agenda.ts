import { dues, em, local, visit } from "@xianfeng/care-ledger"
import { compareDates, isAfter, type PlainDate, Temporal } from "@xianfeng/core"
import { duesCollectionOf, surveyDeadlinesOf, visitDeadlinesOf } from "@xianfeng/db"
import { type AgendaEntry, defineAgendaSource } from "../../http/agenda-kit.js"

const stateOf = (today: PlainDate, date: PlainDate) => (isAfter(today, date) ? "overdue" : "due")

/** The months whose last day lies in `from`…`to` and that have begun by `today` (later ones are not yet due). */
const collectionMonths = (
  today: PlainDate,
  from: PlainDate,
  to: PlainDate,
): readonly Temporal.PlainYearMonth[] => {
  const out: Temporal.PlainYearMonth[] = []
  const last = Temporal.PlainYearMonth.from({ year: today.year, month: today.month })
  for (
    let m = Temporal.PlainYearMonth.from({ year: from.year, month: from.month });
    Temporal.PlainYearMonth.compare(m, last) <= 0;
    m = m.add({ months: 1 })
  ) {
    const end = m.toPlainDate({ day: m.daysInMonth })
    if (compareDates(end, from) >= 0 && compareDates(end, to) <= 0) out.push(m)
  }
  return out
}

/**
 * 关怀帮扶 and 党费 in the agenda, for the caller's scope:
 * - each visit plan (走访慰问) with someone of the scope still to visit, on its deadline — the last day that
 *   counts as "before the festival" (the circular; the policy's lead days); the title says how many were visited;
 * - each survey (摸底调查) with a branch of the scope still to confirm its part, on the survey's deadline;
 * - each month's dues collection (党费收缴, DUES 2008 art. 7: dues are paid monthly) with members of the scope still
 *   to pay, on the month's last day (months not yet begun are left out: nothing is due for them yet).
 */
export const careAgenda = defineAgendaSource({
  area: "care",
  entries: async ({ db, scope, today, from, to, limit }) => {
    const plans = (await visitDeadlinesOf(db, scope, from, to, limit)).map(
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
        state: stateOf(today, p.deadline),
      }),
    )
    const surveys = (await surveyDeadlinesOf(db, scope, from, to, limit)).map(
      (s): AgendaEntry => ({
        date: s.deadline,
        kind: "care.survey",
        key: s.id,
        title: {
          "zh-CN": `${s.orgName}：${s.title}截止（已确认支部${s.confirmed}/${s.branches}）`,
          en: `${s.orgName}: ${s.title} closes (${s.confirmed} of ${s.branches} branches confirmed)`,
        },
        orgId: s.orgId,
        orgName: s.orgName,
        link: "/care/survey",
        citations: [em(23), local()],
        state: stateOf(today, s.deadline),
      }),
    )
    const months = collectionMonths(today, from, to)
    const collection = months.length === 0 ? undefined : await duesCollectionOf(db, scope, months.map(String))
    const dueMonths = (collection?.months ?? [])
      .filter((m) => m.unpaid > 0)
      .map((m): AgendaEntry => {
        const month = Temporal.PlainYearMonth.from(m.month)
        const end = month.toPlainDate({ day: month.daysInMonth })
        const orgName = collection?.orgName ?? ""
        return {
          date: end,
          kind: "care.dues",
          key: `${scope.orgId}/${m.month}`,
          title: {
            "zh-CN": `${orgName}：${month.year}年${month.month}月党费收缴（${m.unpaid}/${m.owing}人未交）`,
            en: `${orgName}: party dues for ${m.month} (${m.unpaid} of ${m.owing} members not yet paid)`,
          },
          orgId: scope.orgId,
          orgName,
          link: "/care/dues",
          citations: [dues(7)],
          state: stateOf(today, end),
        }
      })
    return [...plans, ...surveys, ...dueMonths]
  },
})
