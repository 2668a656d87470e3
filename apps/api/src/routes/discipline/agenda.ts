import { createHash } from "node:crypto"
import { type Citation, date, isAfter, type PlainDate, Temporal } from "@xianfeng/core"
import {
  type CalendarIndexEntry,
  calendarDeadlinesOf,
  loadAreaPolicy,
  orderDeadlinesOf,
  type Scope,
  saveCalendarIndex,
  sittingsOfOrgs,
  staleCalendarBasesOf,
  talksOfOrgs,
  type XfDb,
} from "@xianfeng/db"
import {
  br,
  calendarOf,
  disciplinePolicy,
  type ObligationId,
  type OrgShape,
  obligationTitles,
  recheckOn,
  type Sitting,
  type SittingType,
  type TalkPair,
  talkOf,
} from "@xianfeng/inspection-scheduling"
import { type AgendaEntry, defineAgendaSource } from "../../http/agenda-kit.js"

/** A committee is elected at 7 or more full members (BR); party groups are not recorded yet (as the heatmap). */
const shapeOf = (o: { kind: string; hasCommittee: boolean }): OrgShape => ({
  kind: o.kind as OrgShape["kind"],
  hasCommittee: o.hasCommittee,
  hasGroups: false,
})

const titleOf = (obligation: string) =>
  Object.hasOwn(obligationTitles, obligation)
    ? obligationTitles[obligation as ObligationId]
    : { "zh-CN": obligation, en: obligation }

/**
 * Evaluates on `today` the compliance calendar of the scope's organizations whose stored row is missing, whose
 * recheck day has come (or whose row is dated after today), or whose district policy, committee or sittings
 * changed (`staleCalendarBasesOf`, compared in the database), and stores their rows. Chosen over a nightly job,
 * like the pipeline index: a read refreshes exactly what it needs. Returns how many organizations were evaluated.
 */
export const refreshCalendarIndex = async (db: XfDb, scope: Scope, today: PlainDate): Promise<number> => {
  const { policy } = await loadAreaPolicy(db, scope.orgPath, disciplinePolicy)
  // The calendar looks one period back from today's (a year at most, so from the first of January last
  // year); meetings are never dated ahead of today.
  const since = Temporal.PlainDate.from({ year: today.year - 1, month: 1, day: 1 })
  const policyPrint = createHash("sha256").update(JSON.stringify(policy)).digest("hex").slice(0, 16)
  // Compared in SQL: a read with nothing stale ships no organization to Node.
  const stale = await staleCalendarBasesOf(db, scope, since, today, policyPrint)
  if (stale.length === 0) return 0
  const staleIds = stale.map((b) => b.id)
  const byOrg = new Map<string, Sitting[]>()
  for (const s of await sittingsOfOrgs(db, scope, staleIds, since, today)) {
    const list = byOrg.get(s.orgId) ?? []
    list.push({ id: s.id, on: s.onDate, counts: s.types as readonly SittingType[] })
    byOrg.set(s.orgId, list)
  }
  // Heart-to-heart talks (谈心谈话, BR 19) count in compliance as the heatmap counts them: the stale
  // organizations' own, not the whole scope's.
  for (const t of await talksOfOrgs(db, scope, staleIds, since, today)) {
    byOrg.set(t.orgId, [...(byOrg.get(t.orgId) ?? []), talkOf(t.id, t.onDate, t.pair as TalkPair)])
  }
  await saveCalendarIndex(
    db,
    stale.map((b): CalendarIndexEntry => {
      const calendar = calendarOf({
        org: shapeOf(b),
        sittings: byOrg.get(b.id) ?? [],
        asOf: today,
        policy,
      })
      return {
        orgId: b.id,
        basis: b.basis,
        marksSeen: b.marks,
        evaluatedOn: today,
        recheckOn: recheckOn(calendar, today, policy),
        items: calendar.map((p) => ({
          obligation: p.obligation,
          period: p.period.key,
          periodStart: p.period.start.toString(),
          periodEnd: p.period.end.toString(),
          status: p.status,
          dueBy: p.dueBy.toString(),
          citations: p.verdict.citations,
        })),
      }
    }),
  )
  return stale.length
}

/** The demo district's committee (`generateDemoDistrict` of @xianfeng/demo names it d1). */
const demoDistrict: Scope = { orgId: "d1", orgPath: "d1" }

/** Stores the freshly loaded demo district's calendar on `today`, so the first agenda read need not. */
export const indexDemoCalendar = (db: XfDb, today: PlainDate): Promise<number> =>
  db.transaction((tx) => refreshCalendarIndex(tx, demoDistrict, today))

/**
 * 组织生活与督查 in the agenda: what each organization's compliance calendar says falls due next (each
 * obligation's current period when not yet met, else the next one; a past period still overdue), when that day
 * lies in the window, and every rectification order (整改通知) not yet closed whose deadline lies in it (BR 17).
 * The calendar is read from its stored answers (`discipline_calendar_index`); only organizations whose row is
 * missing, whose recheck day has come or whose policy, committee or sittings changed are evaluated again.
 * Orders name their owner as recorded on the order, which the scope's users see on the order anyway.
 */
export const disciplineAgenda = defineAgendaSource({
  area: "discipline",
  entries: async ({ db, scope, today, from, to, limit }) => {
    await refreshCalendarIndex(db, scope, today)
    const obligations = (await calendarDeadlinesOf(db, scope, from, to, limit)).map((p): AgendaEntry => {
      const t = titleOf(p.obligation)
      return {
        date: date(p.dueBy),
        kind: "discipline.obligation",
        key: `${p.orgId}/${p.obligation}/${p.period}`,
        topic: t,
        title: {
          "zh-CN": `${p.orgName}：${t["zh-CN"]}（${p.period}）`,
          en: `${p.orgName}: ${t.en} (${p.period})`,
        },
        orgId: p.orgId,
        orgName: p.orgName,
        link: `/discipline/meetings?orgId=${encodeURIComponent(p.orgId)}`,
        citations: p.citations as readonly Citation[],
        state: p.status === "overdue" || isAfter(today, date(p.dueBy)) ? "overdue" : "due",
      }
    })
    const orders = (await orderDeadlinesOf(db, scope, from, to, limit)).map((r): AgendaEntry => {
      const t = titleOf(r.obligation)
      return {
        date: r.deadline,
        kind: "discipline.order",
        key: r.id,
        topic: t,
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
