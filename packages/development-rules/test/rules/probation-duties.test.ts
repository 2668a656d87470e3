import { applyOverlay } from "@xianfeng/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { developmentPolicy, type History, nationalPolicy } from "../../src/index.js"
import { check, codes, d, evalAt, rec, validTimeline } from "../fixtures.js"

const cutBefore = (h: History, step: string): History => {
  const i = h.records.findIndex((r) => r.step === step)
  return { ...h, records: h.records.slice(0, i) }
}
const on = (h: History, step: string) => h.records.find((r) => r.step === step)?.on ?? d("2000-01-01")
const arts = (vs: readonly { citations: readonly { edition: string; article: number }[] }[]) =>
  vs.flatMap((v) => v.citations.map((c) => `${c.edition}:${c.article}`))

describe("conversion meeting: promptly when probation ends, not before (2026 Art. 31 ¶2; 2014 Art. 32 ¶2)", () => {
  const full2026 = validTimeline(d("2025-03-03"))
  const full2014 = validTimeline(d("2018-03-03"))

  it("2026: a meeting before probation ends is refused citing Art. 31", () => {
    const h = cutBefore(full2026, "conversion-meeting")
    const end = on(full2026, "admission-meeting").add({ years: 1 })
    const vs = check(h, rec("conversion-meeting", end.subtract({ days: 1 })))
    expect(codes(vs)).toEqual(["DEV-CONVERSION-MEETING.before-end"])
    expect(arts(vs)).toEqual(["2026:31"])
  })

  it("2014: the same duty is Art. 32 of the 2014 edition", () => {
    const h = cutBefore(full2014, "conversion-meeting")
    const end = on(full2014, "admission-meeting").add({ years: 1 })
    const vs = check(h, rec("conversion-meeting", end.subtract({ days: 1 })))
    expect(codes(vs)).toEqual(["DEV-CONVERSION-MEETING.before-end"])
    expect(arts(vs)).toEqual(["2014:32"])
  })

  it("2026: due, overdue and late all cite Art. 31 (the 3-month window is the policy default)", () => {
    const h = cutBefore(full2026, "conversion-meeting")
    const end = on(full2026, "admission-meeting").add({ years: 1 })
    const step = (asOf: typeof end) => evalAt(h, asOf).steps.find((s) => s.step === "conversion-meeting")
    const due = step(end.add({ days: 5 }))
    expect(due?.state).toBe("due")
    expect(due?.dueBy?.toString()).toBe(end.add({ months: 3 }).toString())
    expect(arts(due?.verdicts.filter((v) => v.code === "DEV-CONVERSION-MEETING.due") ?? [])).toEqual([
      "2026:31",
    ])
    const overdue = step(end.add({ months: 3, days: 1 }))
    expect(overdue?.state).toBe("overdue")
    expect(arts(overdue?.verdicts ?? [])).toEqual(["2026:31"])
    const late = check(h, rec("conversion-meeting", end.add({ months: 4 })))
    expect(codes(late)).toEqual(["DEV-CONVERSION-MEETING.late"])
    expect(arts(late)).toEqual(["2026:31"])
  })

  it("a transferred-in member's postponed discussion cites Art. 35 and Art. 31", () => {
    const h: History = {
      person: full2026.person,
      records: [
        rec("transfer-in", "2026-07-01", {
          stage: "probationary",
          admittedOn: d("2025-09-10"),
          postponeMonths: 4,
        }),
        rec("conversion-application", "2026-09-01"),
      ],
    }
    const s = evalAt(h, d("2026-12-01")).steps.find((x) => x.step === "conversion-meeting")
    expect(s?.dueBy?.toString()).toBe("2027-01-10")
    expect(arts(s?.verdicts ?? [])).toEqual(["2026:35", "2026:31"])
  })
})

describe("collective oath on July 1, National Day and similar anniversaries (2026 Art. 29 ¶2, policy collectiveOathDays)", () => {
  const full = validTimeline(d("2025-03-03"))
  const h = cutBefore(full, "oath")
  const approved = on(full, "admission-approval")
  const next = (month: number, day: number) =>
    d(
      `${approved.month < month ? approved.year : approved.year + 1}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    )

  it("defaults to July 1 and October 1", () => {
    expect(nationalPolicy.collectiveOathDays).toEqual([
      { month: 7, day: 1 },
      { month: 10, day: 1 },
    ])
    expect(check(h, rec("oath", next(10, 1), { collective: true }))).toEqual([])
  })

  it("a collective oath on another anniversary is late nationally, fine where the district lists it", () => {
    const aug1 = next(8, 1) // 八一, say, for a unit of the armed forces
    const late = check(h, rec("oath", aug1, { collective: true }))
    expect(codes(late)).toEqual(["DEV-OATH-WITHIN.late"])
    expect(arts(late)).toEqual(["2026:29"])
    const district = Result.getOrThrow(
      applyOverlay(developmentPolicy, {
        collectiveOathDays: [...nationalPolicy.collectiveOathDays, { month: 8, day: 1 }],
      }),
    )
    expect(check(h, rec("oath", aug1, { collective: true }), district)).toEqual([])
    // an individual oath that day is still late: only collective oaths may wait for an anniversary
    expect(codes(check(h, rec("oath", aug1, { collective: false }), district))).toEqual([
      "DEV-OATH-WITHIN.late",
    ])
  })

  it("refuses a day that does not exist", () => {
    const bad = applyOverlay(developmentPolicy, { collectiveOathDays: [{ month: 2, day: 30 }] })
    expect(Result.isFailure(bad) && bad.failure.field.startsWith("collectiveOathDays")).toBe(true)
    expect(
      Result.isSuccess(applyOverlay(developmentPolicy, { collectiveOathDays: [{ month: 2, day: 29 }] })),
    ).toBe(true)
  })
})
