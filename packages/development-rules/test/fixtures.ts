import { date, type PlainDate } from "@xianfeng/core"
import {
  checkStep,
  type DevelopmentPolicy,
  developmentRuleSets,
  evaluate,
  type History,
  nationalPolicy,
  type PersonFacts,
  type StepRecord,
} from "../src/index.js"

// The example evidence and the timeline generator are the package's `testing` entry, shared with the
// benchmark, the demo district and the API's tests; these are their short names in this package's tests.
export {
  exampleMember as member,
  exampleRecord as rec,
  midOffsets,
  type Offsets,
  validTimeline,
} from "../src/testing.js"

export const d = (iso: string): PlainDate => date(iso)

export const person = (extra: Partial<PersonFacts> = {}): PersonFacts => ({
  birthDate: d("1998-03-10"),
  migrant: false,
  ...extra,
})

export const history = (records: readonly StepRecord[], facts: Partial<PersonFacts> = {}): History => ({
  person: person(facts),
  records,
})

/** Codes of a verdict list, for compact assertions. */
export const codes = (vs: readonly { code: string }[]): string[] => vs.map((v) => v.code)

export const check = (h: History, r: StepRecord, policy: DevelopmentPolicy = nationalPolicy) =>
  checkStep(h, r, developmentRuleSets, policy)

export const evalAt = (h: History, asOf: string | PlainDate, policy: DevelopmentPolicy = nationalPolicy) =>
  evaluate(h, typeof asOf === "string" ? d(asOf) : asOf, developmentRuleSets, policy)
