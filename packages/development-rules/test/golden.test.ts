import { createHash } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { checkStep, developmentRuleSets, evaluate } from "../src/index.js"
import { canonical, corpus } from "./corpus.js"

/**
 * Golden verdicts: the full output of `evaluate` (states, verdicts with codes, params, citations, dueBy,
 * next steps, derived dates) and of `checkStep` for a fixed corpus, recorded before the evaluator was made
 * fast. Any change to any verdict changes a hash. `UPDATE_GOLDEN=1 pnpm test golden` re-records it — only
 * for an intended change of the rules, never to make an optimization pass.
 */
const CASES = 300
const file = new URL("./golden/evaluate.json", import.meta.url)
const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16)

const outputs = () =>
  corpus(CASES).map(({ history, asOf, policy, policyName }) => {
    const e = evaluate(history, asOf, developmentRuleSets, policy)
    const last = history.records[history.records.length - 1]
    const checked =
      last === undefined
        ? []
        : checkStep({ ...history, records: history.records.slice(0, -1) }, last, developmentRuleSets, policy)
    return { policyName, evaluation: hash(canonical(e)), checkStep: hash(canonical(checked)) }
  })

describe("golden verdicts", () => {
  it(`evaluate and checkStep give the recorded output for ${CASES} generated histories`, () => {
    const actual = outputs()
    if (process.env.UPDATE_GOLDEN === "1")
      writeFileSync(file, `${JSON.stringify({ seed: 20260701, cases: actual }, null, 1)}\n`)
    const expected = JSON.parse(readFileSync(file, "utf8")) as { cases: typeof actual }
    expect(actual).toEqual(expected.cases)
  })
})
