import { date, renderVerdict } from "@xianfeng/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  addCounts,
  calendarOf,
  complianceOf,
  complianceRate,
  disciplineMessages,
  monthlyCounts,
  nationalPolicy,
  obligationsOf,
  periodContaining,
  periodsBetween,
  recheckOn,
  rollUp,
  rollUpCounts,
  type Sitting,
  sittingOf,
  sittingTypes,
  summarize,
} from "../src/index.js"
import { exampleBranch, exampleMeeting, exampleSittings } from "../src/testing.js"

const asOf = date("2026-11-30")
const year = { from: date("2026-01-01"), to: date("2026-12-31") }
const statusOf = (sittings: readonly Sitting[], obligation: string, key: string, on = asOf) =>
  complianceOf({ org: exampleBranch, sittings, ...year, asOf: on, policy: nationalPolicy }).find(
    (s) => s.obligation === obligation && s.period.key === key,
  )

describe("compliance of a branch", () => {
  it("one sitting counted for three obligations is one record, met for each", () => {
    const sitting = sittingOf("s1", exampleMeeting(asOf))
    for (const o of ["general-meeting", "theme-day", "party-lecture"]) {
      const key = o === "theme-day" ? "2026-11" : "2026-Q4"
      expect(statusOf([sitting], o, key)).toMatchObject({ status: "met", sittings: ["s1"] })
    }
  })

  it("a sitting counted for several obligations is one record: it meets each as separate sittings would, and no more (property)", () => {
    const owed = new Set(obligationsOf(exampleBranch, nationalPolicy).map((o) => o.id as string))
    const types = sittingTypes.filter((t) => owed.has(t))
    fc.assert(
      fc.property(
        fc.subarray([...types], { minLength: 2 }),
        fc.integer({ min: 0, max: 333 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (counts, day, seed) => {
          const others = exampleSittings(seed, asOf, { keep: 0.5 })
          const on = date("2026-01-01").add({ days: day })
          const one: Sitting = { id: "one", on, counts }
          const judge = (sittings: readonly Sitting[]) =>
            complianceOf({ org: exampleBranch, sittings, ...year, asOf, policy: nationalPolicy })
          const together = judge([...others, one])
          const apart = judge([...others, ...counts.map((c, i) => ({ id: `one-${i}`, on, counts: [c] }))])
          // The same statuses either way, and the one record is named by every obligation it counts for.
          const statusesOf = (st: typeof together) =>
            st.map((p) => `${p.obligation}/${p.period.key}/${p.status}`)
          const naming = together.filter((p) => p.sittings.includes("one"))
          return (
            statusesOf(together).join() === statusesOf(apart).join() &&
            new Set(naming.map((p) => p.obligation)).size === counts.length &&
            naming.every((p) => counts.includes(p.obligation as (typeof counts)[number]))
          )
        },
      ),
      { numRuns: 50 },
    )
  })

  it("BR 11: a quarter without a general meeting is missed once the period and the grace are over, citing the article", () => {
    const s = statusOf([], "general-meeting", "2026-Q2")
    expect(s?.status).toBe("missed")
    expect(renderVerdict(s?.verdict ?? ({} as never), disciplineMessages, "zh-CN")).toBe(
      "2026-Q2支部党员大会未召开（依据：《中国共产党支部工作条例（试行）》（2018年）第十一条）",
    )
  })

  it("is due within the period, overdue during the entry grace, and upcoming before it begins", () => {
    expect(statusOf([], "general-meeting", "2026-Q4")?.status).toBe("due")
    expect(statusOf([], "general-meeting", "2026-Q3", date("2026-10-05"))?.status).toBe("overdue")
    expect(statusOf([], "general-meeting", "2026-Q3", date("2026-10-11"))?.status).toBe("missed")
    expect(statusOf([], "org-life-meeting", "2026", date("2025-12-01"))?.status).toBe("upcoming")
  })

  it("BR 16: the theme party day is overdue once its fixed day has passed without one", () => {
    expect(statusOf([], "theme-day", "2026-11", date("2026-11-15"))?.status).toBe("due")
    expect(statusOf([], "theme-day", "2026-11", date("2026-11-16"))?.status).toBe("overdue")
    expect(statusOf([], "theme-day", "2026-11", date("2026-11-16"))?.dueBy).toEqual(date("2026-11-15"))
  })

  it("does not count a sitting dated after the day judged", () => {
    const later: Sitting = { id: "x", on: date("2026-12-20"), counts: ["general-meeting"] }
    expect(statusOf([later], "general-meeting", "2026-Q4")?.status).toBe("due")
  })

  it("lists what falls due next, soonest first, with what is still overdue", () => {
    const cal = calendarOf({
      org: exampleBranch,
      sittings: [sittingOf("s1", exampleMeeting(asOf))],
      asOf,
      policy: nationalPolicy,
    })
    expect(cal.find((c) => c.obligation === "general-meeting")?.period.key).toBe("2027-Q1")
    expect(cal.find((c) => c.obligation === "committee-meeting")).toMatchObject({
      status: "due",
      period: { key: "2026-11" },
    })
    expect(cal.map((c) => c.dueBy.toString())).toEqual([...cal.map((c) => c.dueBy.toString())].sort())
  })

  it("rolls quarter and year summaries up the tree", () => {
    const nodes = [
      { id: "d1", parentId: null },
      { id: "c1", parentId: "d1" },
      { id: "b1", parentId: "c1" },
      { id: "b2", parentId: "c1" },
    ]
    const judge = (sittings: readonly Sitting[]) =>
      complianceOf({ org: exampleBranch, sittings, ...year, asOf, policy: nationalPolicy })
    const byOrg = new Map([
      ["b1", judge([sittingOf("s1", exampleMeeting(asOf))])],
      ["b2", judge([])],
    ])
    const q4 = periodContaining("quarter", asOf)
    const totals = rollUp(nodes, byOrg, q4)
    const b1 = summarize(byOrg.get("b1") ?? [], q4)
    const b2 = summarize(byOrg.get("b2") ?? [], q4)
    expect(totals.get("c1")).toEqual({
      met: b1.met + b2.met,
      upcoming: b1.upcoming + b2.upcoming,
      due: b1.due + b2.due,
      overdue: b1.overdue + b2.overdue,
      missed: b1.missed + b2.missed,
    })
    expect(totals.get("d1")).toEqual(totals.get("c1"))
    expect(b1.met).toBeGreaterThan(b2.met)
  })

  it("a year of sittings with gaps: every period is judged once, and met exactly where a sitting counts (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const sittings = exampleSittings(seed, asOf, { keep: 0.7 })
        const statuses = complianceOf({ org: exampleBranch, sittings, ...year, asOf, policy: nationalPolicy })
        const keys = statuses.map((s) => `${s.obligation}/${s.period.key}`)
        const rate = complianceRate(summarize(statuses, periodContaining("year", asOf)))
        return (
          new Set(keys).size === keys.length &&
          rate >= 0 &&
          rate <= 1 &&
          statuses.every((s) => (s.status === "met") === s.sittings.length > 0)
        )
      }),
      { numRuns: 50 },
    )
  })
})

describe("a monthly index of a year's compliance", () => {
  it("any quarter or the year is the sum of its months, and rolls up the tree as the statuses do (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (s1, s2) => {
          const judge = (seed: number) =>
            complianceOf({
              org: exampleBranch,
              sittings: exampleSittings(seed, asOf, { keep: 0.6 }),
              ...year,
              asOf,
              policy: nationalPolicy,
            })
          const byOrg = new Map([
            ["b1", judge(s1)],
            ["b2", judge(s2)],
          ])
          const nodes = [
            { id: "c1", parentId: null },
            { id: "b1", parentId: "c1" },
            { id: "b2", parentId: "c1" },
          ]
          const months = new Map([...byOrg].map(([id, st]) => [id, monthlyCounts(st, 2026)]))
          for (const q of [
            ...periodsBetween("quarter", year.from, year.to),
            periodContaining("year", asOf),
          ]) {
            const own = new Map(
              [...months].map(([id, ms]) => [
                id,
                addCounts(...ms.filter((_, i) => i + 1 >= q.start.month && i + 1 <= q.end.month)),
              ]),
            )
            for (const [id, st] of byOrg) expect(own.get(id)).toEqual(summarize(st, q))
            expect(rollUpCounts(nodes, own)).toEqual(rollUp(nodes, byOrg, q))
          }
        },
      ),
      { numRuns: 20 },
    )
  })
})

describe("when a stored judgement must be looked at again (recheckOn)", () => {
  const statuses = (sittings: readonly Sitting[], on: ReturnType<typeof date>) =>
    complianceOf({ org: exampleBranch, sittings, ...year, asOf: on, policy: nationalPolicy }).map(
      (s) => `${s.obligation}/${s.period.key}/${s.status}`,
    )
  const calendar = (sittings: readonly Sitting[], on: ReturnType<typeof date>) =>
    calendarOf({ org: exampleBranch, sittings, asOf: on, policy: nationalPolicy }).map(
      (s) => `${s.obligation}/${s.period.key}/${s.status}`,
    )

  it("BR 16: the day after the theme party day's fixed day, when nothing comes sooner", () => {
    const periods = (on: string) =>
      calendarOf({ org: exampleBranch, sittings: [], asOf: date(on), policy: nationalPolicy })
    // October's entry grace (10 days, national default) ends on 2026-11-10: overdue → missed on the 11th.
    expect(recheckOn(periods("2026-11-10"), date("2026-11-10"), nationalPolicy).toString()).toBe("2026-11-11")
    // Then the theme party day, 2026-11-15, has passed on the 16th.
    expect(recheckOn(periods("2026-11-11"), date("2026-11-11"), nationalPolicy).toString()).toBe("2026-11-16")
  })

  it("never more than the cap ahead, and always after today", () => {
    const on = date("2026-06-30")
    expect(recheckOn([], on, nationalPolicy).toString()).toBe("2026-07-30")
    expect(recheckOn([], on, nationalPolicy, 7).toString()).toBe("2026-07-07")
  })

  it("nothing judged on today reads differently before the recheck day, with the same sittings (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 364 }),
        (seed, offset) => {
          const on = date("2026-01-01").add({ days: offset })
          const sittings = exampleSittings(seed, on, { keep: 0.6 })
          const periods = complianceOf({
            org: exampleBranch,
            sittings,
            ...year,
            asOf: on,
            policy: nationalPolicy,
          })
          const until = recheckOn(
            [...periods, ...calendarOf({ org: exampleBranch, sittings, asOf: on, policy: nationalPolicy })],
            on,
            nationalPolicy,
          )
          const first = statuses(sittings, on)
          const firstCal = calendar(sittings, on)
          for (let d = on.add({ days: 1 }); d.until(until).days > 0; d = d.add({ days: 1 })) {
            if (statuses(sittings, d).join() !== first.join()) return false
            if (calendar(sittings, d).join() !== firstCal.join()) return false
          }
          return until.until(on).days < 0
        },
      ),
      { numRuns: 25 },
    )
  })
})
