import { date, renderVerdict } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import {
  disciplineMessages,
  lastOn,
  nationalPolicy,
  type StandingInput,
  standingAlerts,
  unknownEvidence,
} from "../src/index.js"

const asOf = date("2026-11-30")
const member = (x: Partial<StandingInput>): StandingInput => ({
  asOf,
  since: date("2020-01-01"),
  orgLife: lastOn(date("2026-11-15")),
  dues: lastOn(date("2026-11-01")),
  work: lastOn(date("2026-10-01")),
  ...x,
})
const codes = (x: Partial<StandingInput>) => standingAlerts(member(x), nationalPolicy).map((v) => v.code)

describe("member standing alerts", () => {
  it("PC 9, EM 31: six consecutive months without organizational life and no good reason → self-lapse alert", () => {
    expect(codes({ orgLife: lastOn(date("2026-05-30")) })).toEqual(["STANDING-SELF-LAPSE.org-life"])
    expect(codes({ orgLife: lastOn(date("2026-06-01")) })).toEqual(["STANDING.ok"])
    const [v] = standingAlerts(member({ orgLife: lastOn(date("2026-05-30")) }), nationalPolicy)
    expect(renderVerdict(v ?? ({} as never), disciplineMessages, "zh-CN")).toContain(
      "《中国共产党章程》（2022年）第九条",
    )
  })

  it("PC 9: six months without dues, or without assigned work, is each its own alert", () => {
    expect(codes({ dues: lastOn(date("2026-03-01")), work: lastOn(date("2026-01-01")) })).toEqual([
      "STANDING-SELF-LAPSE.dues",
      "STANDING-SELF-LAPSE.work",
    ])
  })

  it("counts from when the branch became answerable for a member who never attended", () => {
    expect(codes({ since: date("2026-07-01"), orgLife: lastOn() })).toEqual(["STANDING.ok"])
    expect(codes({ since: date("2026-05-01"), orgLife: lastOn() })).toEqual(["STANDING-SELF-LAPSE.org-life"])
  })

  it("a good reason on record excuses the lapse, and says so", () => {
    expect(codes({ orgLife: lastOn(date("2026-01-01")), goodReason: "长期住院" })).toEqual([
      "STANDING-SELF-LAPSE.org-life.excused",
    ])
  })

  it("a sitting within the six months whose roll call was not recorded is missing evidence, not an absence (PC 9)", () => {
    const stale = { orgLife: lastOn(date("2026-03-01")) }
    expect(codes({ ...stale, orgLifeUnrecorded: date("2026-09-20") })).toEqual([
      "STANDING-SELF-LAPSE.org-life-unrecorded",
    ])
    const [v] = standingAlerts(member({ ...stale, orgLifeUnrecorded: date("2026-09-20") }), nationalPolicy)
    expect(renderVerdict(v ?? ({} as never), disciplineMessages, "zh-CN")).toContain("2026年9月20日")
    // An unrecorded sitting older than six months changes nothing: the lapse stands on the records.
    expect(codes({ ...stale, orgLifeUnrecorded: date("2026-04-01") })).toEqual([
      "STANDING-SELF-LAPSE.org-life",
    ])
    // Nor does one before the last sitting attended, nor one for a member attending: no alert at all.
    expect(codes({ orgLifeUnrecorded: date("2026-09-20") })).toEqual(["STANDING.ok"])
  })

  it("until dues arrive as data the alert says which evidence it lacks instead of guessing", () => {
    expect(codes({ dues: unknownEvidence })).toEqual(["STANDING-SELF-LAPSE.dues-unknown"])
  })

  it("EM 24: six months out of contact → suspend membership; two more years → removal", () => {
    expect(codes({ lostContactSince: date("2026-08-01") })).toEqual(["STANDING-LOST-CONTACT.watch"])
    const [suspend] = standingAlerts(member({ lostContactSince: date("2026-05-30") }), nationalPolicy)
    expect(suspend).toMatchObject({ code: "STANDING-LOST-CONTACT.suspend", dueBy: date("2026-11-30") })
    expect(codes({ lostContactSince: date("2024-05-30") })).toEqual(["STANDING-LOST-CONTACT.remove"])
    expect(codes({ lostContactSince: date("2024-06-01") })).toEqual(["STANDING-LOST-CONTACT.suspend"])
  })

  it("EM 25: away six months at a fixed place without transferring the relation → transfer due", () => {
    expect(codes({ awaySince: date("2026-05-30") })).toEqual(["STANDING-AWAY.transfer"])
    expect(codes({ awaySince: date("2026-05-30"), relationTransferred: true })).toEqual(["STANDING.ok"])
    expect(codes({ awaySince: date("2026-07-01") })).toEqual(["STANDING.ok"])
  })
})
