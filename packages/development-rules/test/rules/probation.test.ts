import { describe, expect, it } from "vitest"
import type { History } from "../../src/index.js"
import { check, codes, d, evalAt, rec, validTimeline } from "../fixtures.js"

const full = validTimeline(d("2025-03-03"))
const on = (step: string) => full.records.find((r) => r.step === step)?.on ?? d("2000-01-01")
const upTo = (step: string): History => {
  const i = full.records.findIndex((r) => r.step === step)
  return { ...full, records: full.records.slice(0, i) }
}
const meeting = on("admission-meeting")

describe("probation and conversion (stage 5)", () => {
  it("counts probation one year from the branch meeting, not from approval (DR 31)", () => {
    const e = evalAt(upTo("placement"), on("admission-approval"))
    expect(e.derived.admittedOn?.toString()).toBe(meeting.toString())
    expect(e.derived.probationEnd?.toString()).toBe(meeting.add({ years: 1 }).toString())
    const vs = check(upTo("admission-approval"), rec("admission-approval", on("admission-approval")))
    expect(vs.find((v) => v.code === "DEV-PROBATION-LENGTH.period")?.params.end?.toString()).toBe(
      meeting.add({ years: 1 }).toString(),
    )
  })

  it("2026: the oath is due within one month of approval (DR 29)", () => {
    const h = upTo("oath")
    const approved = on("admission-approval")
    const st = (x: typeof approved) => evalAt(h, x).steps.find((s) => s.step === "oath")?.state
    expect(st(approved.add({ days: 5 }))).toBe("due")
    expect(st(approved.add({ months: 1, days: 1 }))).toBe("overdue")
    expect(codes(check(h, rec("oath", approved.add({ months: 2 }))))).toEqual(["DEV-OATH-WITHIN.late"])
  })

  it("2026: a collective oath on 七一 is fine even after a month (DR 29)", () => {
    const h = upTo("oath")
    const approved = on("admission-approval")
    const july1 = d(`${approved.month < 7 ? approved.year : approved.year + 1}-07-01`)
    expect(check(h, rec("oath", july1, { collective: true }))).toEqual([])
  })

  it("2014: no national time limit for the oath", () => {
    const old = validTimeline(d("2018-03-03"))
    const approved = old.records.find((r) => r.step === "admission-approval")?.on ?? d("2000-01-01")
    const h = {
      ...old,
      records: old.records.filter((r) => r.on.toString() <= approved.toString() && r.step !== "oath"),
    }
    expect(check(h, rec("oath", approved.add({ months: 3 })))).toEqual([])
  })

  it("refuses a conversion application earlier than the district's lead time (policy conversionApplicationLead)", () => {
    const h = upTo("conversion-application")
    const end = meeting.add({ years: 1 })
    expect(codes(check(h, rec("conversion-application", end.subtract({ months: 2 }))))).toEqual([
      "DEV-CONVERSION-APPLICATION.too-early",
    ])
    expect(check(h, rec("conversion-application", end.subtract({ months: 1 })))).toEqual([])
  })

  it("refuses a conversion meeting before probation ends (DR 32)", () => {
    const h = upTo("conversion-meeting")
    const end = meeting.add({ years: 1 })
    expect(codes(check(h, rec("conversion-meeting", end.subtract({ days: 1 }))))).toEqual([
      "DEV-CONVERSION-MEETING.before-end",
    ])
    expect(check(h, rec("conversion-meeting", end))).toEqual([])
  })

  it("expects conversion approval within 3 months of the meeting (DR 33)", () => {
    const h = upTo("conversion-approval")
    const cm = on("conversion-meeting")
    expect(
      evalAt(h, cm.add({ months: 3, days: 1 })).steps.find((s) => s.step === "conversion-approval")?.state,
    ).toBe("overdue")
    expect(codes(check(h, rec("conversion-approval", cm.add({ months: 4 }))))).toContain(
      "DEV-CONVERSION-APPROVAL-WITHIN.late",
    )
  })

  it("starts party age at the end of probation, not at approval (DR 33)", () => {
    const e = evalAt(full, on("archive"))
    expect(e.derived.stage).toBe("member")
    expect(e.derived.fullMemberSince?.toString()).toBe(meeting.add({ years: 1 }).toString())
    const vs = check(upTo("conversion-approval"), rec("conversion-approval", on("conversion-approval")))
    expect(vs.find((v) => v.code === "DEV-PARTY-AGE.starts")?.params.from?.toString()).toBe(
      meeting.add({ years: 1 }).toString(),
    )
  })

  it("extends probation once by 6–12 months and moves its end (DR 31)", () => {
    const h = upTo("conversion-meeting")
    const end = meeting.add({ years: 1 })
    expect(codes(check(h, rec("probation-extension", end, { months: 3 })))).toEqual(["DEV-EXTENSION.months"])
    expect(codes(check(h, rec("probation-extension", end, { months: 13 })))).toEqual(["DEV-EXTENSION.months"])
    const ext = rec("probation-extension", end, { months: 6 })
    expect(check(h, ext)).toEqual([])
    const extended: History = { ...h, records: [...h.records, ext] }
    expect(evalAt(extended, end).derived.probationEnd?.toString()).toBe(
      meeting.add({ years: 1, months: 6 }).toString(),
    )
    expect(
      codes(check(extended, rec("probation-extension", end.add({ months: 6 }), { months: 6 }))),
    ).toContain("DEV-EXTENSION.second")
    // after an extension a new conversion application is needed
    expect(evalAt(extended, end.add({ months: 6 })).nextSteps).toContain("conversion-application")
  })

  it("ends the process when probationary status is cancelled (DR 31)", () => {
    const h = upTo("conversion-meeting")
    const end = meeting.add({ years: 1 })
    const cancelled: History = { ...h, records: [...h.records, rec("probation-cancellation", end)] }
    const e = evalAt(cancelled, end.add({ days: 10 }))
    expect(e.derived.stage).toBe("cancelled")
    expect(e.nextSteps).not.toContain("conversion-meeting")
    expect(codes(check(cancelled, rec("conversion-meeting", end.add({ days: 10 }))))).toContain(
      "DEV-ORDER.cancelled",
    )
  })

  it("lets a transferred-in probationer's conversion be postponed up to 6 months, dated at the original expiry (DR 35)", () => {
    const t = rec("transfer-in", "2026-07-01", {
      stage: "probationary",
      admittedOn: d("2025-09-10"),
      postponeMonths: 4,
    })
    const h: History = { person: full.person, records: [t] }
    expect(
      codes(
        check(
          { ...h, records: [] },
          rec("transfer-in", "2026-07-01", {
            stage: "probationary",
            admittedOn: d("2025-09-10"),
            postponeMonths: 7,
          }),
        ),
      ),
    ).toContain("DEV-TRANSFER.postpone-too-long")
    const s = evalAt(h, d("2026-12-01")).steps.find((x) => x.step === "conversion-meeting")
    expect(s?.state).toBe("blocked") // needs the conversion application first
    const withApp: History = { ...h, records: [t, rec("conversion-application", "2026-09-01")] }
    const due = evalAt(withApp, d("2026-12-01")).steps.find((x) => x.step === "conversion-meeting")
    expect(due?.state).toBe("due")
    expect(due?.dueBy?.toString()).toBe("2027-01-10")
    const converted: History = {
      ...h,
      records: [
        ...withApp.records,
        rec("conversion-meeting", "2026-12-15"),
        rec("conversion-approval", "2027-01-20"),
      ],
    }
    expect(evalAt(converted, d("2027-02-01")).derived.fullMemberSince?.toString()).toBe("2026-09-10")
  })

  it("checks the archive against the DR 36 list", () => {
    const h = upTo("archive")
    const vs = check(h, rec("archive", on("archive"), { items: ["application-form", "application-letter"] }))
    expect(codes(vs)).toEqual(["DEV-ARCHIVE.incomplete"])
    expect(String(vs[0]?.params.missingZh)).toContain("转正申请书")
  })
})
