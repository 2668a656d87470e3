import { createHash } from "node:crypto"
import { readFileSync, writeFileSync } from "node:fs"
import { applyOverlay, type PlainDate } from "@xianfeng/core"
import { mulberry32 } from "@xianfeng/core/testing"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  type DevelopmentPolicy,
  demoDistrictOverlay,
  developmentPolicy,
  developmentRuleSets,
  evaluate,
  type History,
  nationalPolicy,
} from "../src/index.js"
import { generateHistory } from "../src/testing.js"
import { canonical } from "./corpus.js"
import { mutate, mutationArb } from "./generators.js"

/**
 * A snapshot of `evaluate`'s full output (every step's state, verdicts with codes, params, citations and
 * dueBy, next steps, derived dates, in key order) on 3,000 histories drawn by the bench's generator
 * (`generateHistory`, seed 20260701, the bench's own): a third as drawn under the national policy, a third
 * broken in one way (`mutate`), a third under the demo district's policy judged 200 days later. Recorded with
 * the evaluator of commit b39bcfb, before the changes that made it cheaper per history; `UPDATE_SNAPSHOT=1`
 * re-records it, only for an intended change of the rules.
 */
const CASES = 3000
const file = new URL("./golden/evaluate-generated.json", import.meta.url)
const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12)

const demo: DevelopmentPolicy = Result.getOrThrow(applyOverlay(developmentPolicy, demoDistrictOverlay))

interface Case {
  readonly history: History
  readonly asOf: PlainDate
  readonly policy: DevelopmentPolicy
}

const cases = (): Case[] => {
  const rng = mulberry32(20260701)
  const mutations = fc.sample(mutationArb, { seed: 20260701, numRuns: CASES })
  return Array.from({ length: CASES }, (_, i) => {
    const { history, asOf } = generateHistory(rng)
    const m = mutations[i]
    if (i % 3 === 1 && m !== undefined)
      return {
        history: mutate(history, m),
        asOf: asOf.add({ days: Math.abs(m.days) }),
        policy: nationalPolicy,
      }
    if (i % 3 === 2) return { history, asOf: asOf.add({ days: 200 }), policy: demo }
    return { history, asOf, policy: nationalPolicy }
  })
}

describe("evaluate on the bench's generated histories", () => {
  const all = cases()
  const evaluations = all.map((c) => evaluate(c.history, c.asOf, developmentRuleSets, c.policy))

  it("covers both editions, refusals and deadlines", () => {
    const editions = new Map<string, number>()
    for (const e of evaluations) editions.set(`${e.edition}`, (editions.get(`${e.edition}`) ?? 0) + 1)
    expect(editions.get("2014")).toBeGreaterThan(CASES / 5)
    expect(editions.get("2026")).toBeGreaterThan(CASES / 5)
    const statuses = new Set(evaluations.flatMap((e) => e.verdicts.map((v) => v.status)))
    expect([...statuses].sort()).toEqual(["blocked", "due", "ok", "overdue", "warning"])
  })

  it(`gives the recorded output for each of the ${CASES} histories`, () => {
    const actual = evaluations.map((e) => hash(canonical(e)))
    if (process.env.UPDATE_SNAPSHOT === "1")
      writeFileSync(file, `${JSON.stringify({ seed: 20260701, recordedAt: "b39bcfb", cases: actual })}\n`)
    const expected = JSON.parse(readFileSync(file, "utf8")) as { cases: string[] }
    const differing = actual.flatMap((h, i) => (h === expected.cases[i] ? [] : [i]))
    expect(differing).toEqual([])
    expect(actual.length).toBe(expected.cases.length)
  })
})
