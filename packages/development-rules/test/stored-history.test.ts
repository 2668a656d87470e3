import { date } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import {
  developmentRuleSets,
  evaluate,
  historyOf,
  nationalPolicy,
  type PersonInput,
  stepRecordOf,
} from "../src/index.js"

const person: PersonInput = {
  birthDate: date("1998-04-02"),
  sex: "male",
  ethnicity: "01",
  education: "21",
  occupationGroup: "worker",
  orgId: "b1",
}
const apply = {
  step: "apply",
  onDate: date("2024-03-04"),
  evidence: { receivedBy: "本支部", acceptsProgramme: true },
}
const talk = { step: "talk", onDate: date("2024-03-20"), evidence: { talkedBy: "王书记" } }

describe("a history from a member record and its stored records", () => {
  it("reads stored records back as the steps they were recorded as", () => {
    expect(stepRecordOf(apply)).toEqual({ step: "apply", on: date("2024-03-04"), evidence: apply.evidence })
  })

  it("leaves out a record that no longer reads as its step, and keeps the others in order", () => {
    const broken = { step: "talk", onDate: date("2024-03-21"), evidence: { notes: "谈话人未填" } }
    const unknown = { step: "no-such-step", onDate: date("2024-03-22"), evidence: {} }
    const h = historyOf(person, [apply, broken, talk, unknown], date("2024-04-01"))
    expect(h.records.map((r) => r.step)).toEqual(["apply", "talk"])
    expect(h.person.occupation).toBe("industrial-worker")
  })

  it("gives the evaluator what it needs: the application and its talk are done", () => {
    const e = evaluate(
      historyOf(person, [apply, talk], date("2024-04-01")),
      date("2024-04-01"),
      developmentRuleSets,
      nationalPolicy,
    )
    expect(e.steps.find((s) => s.step === "apply")?.state).toBe("done")
    expect(e.steps.find((s) => s.step === "talk")?.state).toBe("done")
  })
})
