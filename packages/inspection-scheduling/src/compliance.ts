import { compareDates, isAfter, type PlainDate, Temporal, type Verdict, verdict } from "@xianfeng/core"
import { type CalendarPeriod, nextPeriod, periodContaining, periodsBetween } from "./calendar-period.js"
import type { MeetingRecord } from "./meeting.js"
import {
  type Obligation,
  type ObligationId,
  type OrgShape,
  obligationsOf,
  type TalkPair,
} from "./obligations.js"
import type { DisciplinePolicy } from "./policy.js"

/**
 * A sitting as compliance sees it: when it was held and every obligation it counts for. A meeting recorded
 * once with three types is one `Sitting` counting for three obligations.
 */
export interface Sitting {
  readonly id: string
  readonly on: PlainDate
  readonly counts: readonly ObligationId[]
}

/** The sitting a meeting record is. */
export const sittingOf = (id: string, m: Pick<MeetingRecord, "date" | "types">): Sitting => ({
  id,
  on: m.date,
  counts: m.types,
})

/** A heart-to-heart talk of a pair type (BR 19) as a sitting. */
export const talkOf = (id: string, on: PlainDate, pair: TalkPair): Sitting => ({
  id,
  on,
  counts: [`talk:${pair}`],
})

/**
 * Where an obligation stands for one period, as of a day:
 * - `met`: held (as many times as needed) within the period;
 * - `upcoming`: the period has not begun;
 * - `due`: not yet held, and its day (`dueBy`) has not passed;
 * - `overdue`: its day has passed, but the period (plus the district's `entryGraceDays` for late entries) has not;
 * - `missed`: the period and its grace are over without it.
 */
export type ObligationStatus = "met" | "upcoming" | "due" | "overdue" | "missed"
export const obligationStatuses: readonly ObligationStatus[] = ["met", "upcoming", "due", "overdue", "missed"]

export interface ObligationPeriod {
  readonly obligation: ObligationId
  readonly period: CalendarPeriod
  readonly status: ObligationStatus
  /** The ids of the sittings that count for it, oldest first. */
  readonly sittings: readonly string[]
  /** The theme party day's fixed day, otherwise the period's last day. */
  readonly dueBy: PlainDate
  /** The same, as a cited verdict (`ORGLIFE-<OBLIGATION>.<status>`). */
  readonly verdict: Verdict
}

/** The verdict code of an obligation's status: `ORGLIFE-THEME-DAY.missed`, `ORGLIFE-TALK-MEMBER-MEMBER.met`. */
export const obligationCode = (id: ObligationId, status: ObligationStatus): string =>
  `ORGLIFE-${id.replace(":", "-").toUpperCase()}.${status}`

const verdictStatus = {
  met: "ok",
  upcoming: "allowed",
  due: "due",
  overdue: "overdue",
  missed: "overdue",
} as const

/** Bounded caches of date arithmetic that is the same for every organization of a roll-up. */
const cached = <T>(cache: Map<string, T>, key: string, make: () => T): T => {
  const known = cache.get(key)
  if (known !== undefined) return known
  const made = make()
  if (cache.size >= 4096) cache.clear()
  cache.set(key, made)
  return made
}
const dueDays = new Map<string, PlainDate>()
const graceEnds = new Map<string, number>()

const dueByOf = (o: Obligation, p: CalendarPeriod): PlainDate =>
  o.dayOfMonth === undefined
    ? p.end
    : cached(dueDays, `${p.key}|${o.dayOfMonth}`, () =>
        Temporal.PlainDate.from({ year: p.start.year, month: p.start.month, day: o.dayOfMonth ?? 1 }),
      )

/** A civil date as an integer that orders as the date does (YYYYMMDD): compared without Temporal in the hot loop. */
const dayKey = (d: PlainDate): number => d.year * 10_000 + d.month * 100 + d.day

interface Held {
  readonly key: number
  readonly sitting: Sitting
}

/** The sittings that count for obligation `id` and are dated on or before `asOf`, oldest first. */
const heldFor = (id: ObligationId, sittings: readonly Sitting[], asOf: PlainDate): readonly Held[] => {
  const last = dayKey(asOf)
  const out: Held[] = []
  for (const s of sittings) {
    if (!s.counts.includes(id)) continue
    const key = dayKey(s.on)
    if (key <= last) out.push({ key, sitting: s })
  }
  return out.sort((a, b) => a.key - b.key || (a.sitting.id < b.sitting.id ? -1 : 1))
}

const judgeHeld = (
  o: Obligation,
  period: CalendarPeriod,
  counted: readonly Held[],
  asOf: PlainDate,
  policy: DisciplinePolicy,
): ObligationPeriod => {
  const start = dayKey(period.start)
  const end = dayKey(period.end)
  const held = counted.filter((h) => h.key >= start && h.key <= end).map((h) => h.sitting)
  const dueBy = dueByOf(o, period)
  const today = dayKey(asOf)
  const graceEnd = cached(graceEnds, `${period.key}|${policy.entryGraceDays}`, () =>
    dayKey(period.end.add({ days: policy.entryGraceDays })),
  )
  const status: ObligationStatus =
    held.length >= o.times
      ? "met"
      : start > today
        ? "upcoming"
        : today <= dayKey(dueBy)
          ? "due"
          : today <= graceEnd
            ? "overdue"
            : "missed"
  return {
    obligation: o.id,
    period,
    status,
    sittings: held.map((s) => s.id),
    dueBy,
    verdict: verdict(
      verdictStatus[status],
      obligationCode(o.id, status),
      o.citations,
      { period: period.key, dueBy },
      dueBy,
    ),
  }
}

/** Judges one obligation over one period. */
export const judgePeriod = (
  o: Obligation,
  period: CalendarPeriod,
  sittings: readonly Sitting[],
  asOf: PlainDate,
  policy: DisciplinePolicy,
): ObligationPeriod => judgeHeld(o, period, heldFor(o.id, sittings, asOf), asOf, policy)

/**
 * Every obligation of an organization (`obligationsOf`) for every period of its cadence that overlaps
 * `from`…`to`, judged as of `asOf`: ordered by obligation, then period. Sittings dated after `asOf` are not
 * counted (a record is never dated in the future; see `validateMeeting`).
 */
export const complianceOf = (input: {
  readonly org: OrgShape
  readonly sittings: readonly Sitting[]
  readonly from: PlainDate
  readonly to: PlainDate
  readonly asOf: PlainDate
  readonly policy: DisciplinePolicy
}): readonly ObligationPeriod[] =>
  obligationsOf(input.org, input.policy).flatMap((o) => {
    // Each obligation's sittings are picked and sorted once, then cut per period by integer day keys.
    const held = heldFor(o.id, input.sittings, input.asOf)
    return periodsBetween(o.cadence, input.from, input.to).map((p) =>
      judgeHeld(o, p, held, input.asOf, input.policy),
    )
  })

/**
 * What falls due next, soonest first: for each obligation, every past period still `overdue`, then the
 * current period if it is not met, else the next one (`upcoming`).
 */
export const calendarOf = (input: {
  readonly org: OrgShape
  readonly sittings: readonly Sitting[]
  readonly asOf: PlainDate
  readonly policy: DisciplinePolicy
}): readonly ObligationPeriod[] => {
  const { asOf, policy, sittings } = input
  const out: ObligationPeriod[] = []
  for (const o of obligationsOf(input.org, policy)) {
    const current = periodContaining(o.cadence, asOf)
    // A past period is still overdue only within the grace, which is shorter than any period: one step back suffices.
    const previous = periodContaining(o.cadence, current.start.subtract({ days: 1 }))
    const before = judgePeriod(o, previous, sittings, asOf, policy)
    if (before.status === "overdue") out.push(before)
    const now = judgePeriod(o, current, sittings, asOf, policy)
    out.push(now.status === "met" ? judgePeriod(o, nextPeriod(current), sittings, asOf, policy) : now)
  }
  return out.sort((a, b) => compareDates(a.dueBy, b.dueBy) || (a.obligation < b.obligation ? -1 : 1))
}

/** A stored judgement is checked again at least this often (days), whatever its periods say. */
export const RECHECK_AT_MOST_DAYS = 30

/**
 * The first day after `today` on which obligation-periods judged on `today` (`complianceOf`, `calendarOf`) may
 * read differently with the same sittings: a period starts (upcoming → due), a due date passes (due → overdue),
 * a period ends (the calendar's next period is current) or its entry grace (`entryGraceDays`) ends (overdue →
 * missed); at most `atMostDays` (default 30) days ahead. Sittings recorded meanwhile change a stored answer's
 * basis instead, which its reader checks. Pure: the same periods, day and policy give the same day.
 */
export const recheckOn = (
  periods: readonly ObligationPeriod[],
  today: PlainDate,
  policy: Pick<DisciplinePolicy, "entryGraceDays">,
  atMostDays: number = RECHECK_AT_MOST_DAYS,
): PlainDate => {
  let next = today.add({ days: atMostDays })
  for (const p of periods) {
    for (const d of [
      p.period.start,
      p.dueBy.add({ days: 1 }),
      p.period.end.add({ days: 1 }),
      p.period.end.add({ days: policy.entryGraceDays + 1 }),
    ]) {
      if (isAfter(d, today) && compareDates(d, next) < 0) next = d
    }
  }
  return next
}

/** How many obligation-periods stand in each status. */
export type StatusCounts = Readonly<Record<ObligationStatus, number>>

export const emptyCounts: StatusCounts = { met: 0, upcoming: 0, due: 0, overdue: 0, missed: 0 }

const add = (a: StatusCounts, b: StatusCounts): StatusCounts => ({
  met: a.met + b.met,
  upcoming: a.upcoming + b.upcoming,
  due: a.due + b.due,
  overdue: a.overdue + b.overdue,
  missed: a.missed + b.missed,
})

/**
 * Counts the obligation-periods whose period ENDS within `summary` (a month, quarter or year), so each is
 * counted once: a quarterly meeting falls in the quarter's last month, a yearly one in December.
 */
export const summarize = (statuses: readonly ObligationPeriod[], summary: CalendarPeriod): StatusCounts => {
  const counts = { ...emptyCounts }
  const start = dayKey(summary.start)
  const end = dayKey(summary.end)
  for (const s of statuses) {
    const k = dayKey(s.period.end)
    if (k >= start && k <= end) counts[s.status] += 1
  }
  return counts
}

/** An organization in the tree, as the roll-up needs it. */
export interface TreeNode {
  readonly id: string
  readonly parentId: string | null
}

/** The sum of status counts (of months into a quarter or year, of organizations into their parent). */
export const addCounts = (...counts: readonly StatusCounts[]): StatusCounts => counts.reduce(add, emptyCounts)

/**
 * Counts rolled up the tree: each organization's total is its own (`own`, e.g. a quarter summed from a stored
 * monthly index) plus the totals of every organization below it; nodes without counts count zero. A node whose
 * parent is not in `nodes` is a root of the roll-up.
 */
export const rollUpCounts = (
  nodes: readonly TreeNode[],
  own: ReadonlyMap<string, StatusCounts>,
): ReadonlyMap<string, StatusCounts> => {
  const children = new Map<string, string[]>()
  const ids = new Set(nodes.map((n) => n.id))
  for (const n of nodes) {
    if (n.parentId === null || !ids.has(n.parentId)) continue
    const list = children.get(n.parentId)
    if (list === undefined) children.set(n.parentId, [n.id])
    else list.push(n.id)
  }
  const out = new Map<string, StatusCounts>()
  const visit = (id: string): StatusCounts => {
    const done = out.get(id)
    if (done) return done
    const total = (children.get(id) ?? []).reduce((acc, c) => add(acc, visit(c)), own.get(id) ?? emptyCounts)
    out.set(id, total)
    return total
  }
  for (const n of nodes) visit(n.id)
  return out
}

/**
 * Quarter and year summaries rolled up the tree: each organization's counts are its own plus those of every
 * organization below it. `byOrg` holds each organization's statuses (`complianceOf`); nodes without any count
 * zero. A node whose parent is not in `nodes` is a root of the roll-up.
 */
export const rollUp = (
  nodes: readonly TreeNode[],
  byOrg: ReadonlyMap<string, readonly ObligationPeriod[]>,
  summary: CalendarPeriod,
): ReadonlyMap<string, StatusCounts> =>
  rollUpCounts(nodes, new Map(nodes.map((n) => [n.id, summarize(byOrg.get(n.id) ?? [], summary)])))

/**
 * A year's statuses counted by the month their period ends in (`summarize` per month), January first: the
 * twelve numbers a monthly index stores, from which any month, quarter or the year is a sum.
 */
export const monthlyCounts = (statuses: readonly ObligationPeriod[], year: number): readonly StatusCounts[] =>
  periodsBetween(
    "month",
    Temporal.PlainDate.from({ year, month: 1, day: 1 }),
    Temporal.PlainDate.from({ year, month: 12, day: 31 }),
  ).map((m) => summarize(statuses, m))

/** The share of obligation-periods already decided that were met (met ÷ (met + overdue + missed)); 1 when none. */
export const complianceRate = (c: StatusCounts): number => {
  const decided = c.met + c.overdue + c.missed
  return decided === 0 ? 1 : c.met / decided
}
