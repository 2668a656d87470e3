import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  decodeStepRecord,
  districtStepRecordSchema,
  isStepId,
  type StepRecord,
  stepRecordSchema,
  storedStepRecord,
} from "../src/index.js"
import { canonical, corpus } from "./corpus.js"
import { d, member, rec } from "./fixtures.js"

/** Every optional field of every evidence schema, filled in. */
const full: StepRecord[] = [
  rec("talk", "2026-06-10", { notes: "谈话记录" }),
  rec("activist-filing", "2026-07-10", { documentNo: "备〔2026〕3号" }),
  rec("higher-committee-agreement", "2027-08-01", { documentNo: "同意〔2027〕1号" }),
  rec("public-notice", "2027-08-10", { start: d("2027-08-02"), end: d("2027-08-06"), objections: 0 }),
  rec("political-review", "2027-08-20", { jointReview: true }),
  rec("training", "2027-08-25", { certificateNo: "结业0001" }),
  rec("introducers", "2027-08-21", {
    introducers: [
      member("李明", {
        sanctions: [{ kind: "party-probation", imposedOn: d("2020-02-29"), restoredOn: d("2022-02-28") }],
      }),
      member("张华", { status: "full" }),
    ],
  }),
  rec("admission-approval", "2027-12-01", { submittedOn: d("2027-10-01"), delayReason: "材料补正" }),
  rec("placement", "2027-12-05", { group: "第一党小组" }),
  rec("transfer-in", "2026-03-01", {
    stage: "probationary",
    appliedOn: d("2023-01-31"),
    activistSince: d("2023-03-01"),
    developmentObjectSince: d("2024-03-01"),
    admittedOn: d("2025-12-31"),
    postponeMonths: 3,
  }),
  { step: "x-pre-admission-notice", on: d("2027-11-01"), evidence: { note: "公示无异议" } },
]

const strict = (json: unknown) => {
  const step = (json as { step: string }).step
  const schema = isStepId(step) ? stepRecordSchema(step) : districtStepRecordSchema
  return Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>)(json)
}

/** A record as the database hands it back: evidence as parsed JSON, the date as a PlainDate or a string. */
const asStored = (r: StepRecord, onAsString = false) => {
  const json = JSON.parse(JSON.stringify(r)) as { step: string; on: string; evidence: unknown }
  return { step: json.step, on: onAsString ? json.on : r.on, evidence: json.evidence }
}

describe("storedStepRecord", () => {
  const records = [...full, ...corpus(300).flatMap((c) => c.history.records)]

  it("reads every stored record exactly as decoding it would (dates, field order, optional fields)", () => {
    for (const r of records) {
      const stored = asStored(r)
      const decoded = strict({ ...stored, on: stored.on.toString() })
      expect(Result.isSuccess(decoded), r.step).toBe(true)
      const want = canonical(Result.isSuccess(decoded) ? decoded.success : undefined)
      expect(canonical(storedStepRecord(stored)), r.step).toBe(want)
      expect(canonical(storedStepRecord(asStored(r, true))), r.step).toBe(want)
    }
  })

  it("drops fields the schema does not know, as decoding a stored record does", () => {
    const stored = asStored(rec("talk", "2026-06-10"))
    const extra = { ...stored, evidence: { ...(stored.evidence as object), legacy: 1 } }
    expect(canonical(storedStepRecord(extra))).toBe(canonical(storedStepRecord(stored)))
  })

  it("falls back to the schema for a record that does not fit, and leaves out what does not decode", () => {
    const notice = asStored(rec("public-notice", "2027-08-10"))
    const badDate = { ...notice, evidence: { ...(notice.evidence as object), end: "2027-02-30" } }
    expect(storedStepRecord(badDate)).toBeUndefined()
    expect(Result.isFailure(decodeStepRecord({ ...badDate, on: "2027-08-10" }))).toBe(true)
    const missing = { ...notice, evidence: { places: ["单位公示栏"] } }
    expect(storedStepRecord(missing)).toBeUndefined()
    expect(storedStepRecord({ step: "no-such-step", on: "2026-01-01", evidence: {} })).toBeUndefined()
    expect(storedStepRecord({ ...notice, on: "2026-13-01" })).toBeUndefined()
  })
})
