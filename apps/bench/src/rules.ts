import { mulberry32 } from "@xianfeng/core/testing"
import { developmentRuleSets, evaluate, nationalPolicy } from "@xianfeng/development-rules"
import { type GeneratedHistory, generateHistory } from "@xianfeng/development-rules/testing"
import type { RulesResult } from "./report.js"

const CHUNK = 5_000

/**
 * Evaluates `count` generated histories and, as the baseline, `JSON.parse`s the same histories serialized
 * (the cost of merely reading the input). Work is done in chunks of 5,000 so memory stays flat at a million;
 * generation and `JSON.stringify` are outside both timings, parse and evaluation alternate per chunk so that
 * noise on the shared machine hits both alike.
 */
export const benchRules = (count: number, seed = 20260701): RulesResult => {
  const rng = mulberry32(seed)
  let parseNs = 0n
  let evalNs = 0n
  let bytes = 0
  let records = 0
  let steps = 0
  let blocked = 0
  const started = performance.now()
  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done)
    const chunk: GeneratedHistory[] = []
    for (let i = 0; i < n; i++) chunk.push(generateHistory(rng))
    const text = JSON.stringify(chunk)
    bytes += Buffer.byteLength(text)
    let t = process.hrtime.bigint()
    const parsed = JSON.parse(text) as unknown[]
    parseNs += process.hrtime.bigint() - t
    if (parsed.length !== n) throw new Error("parse lost histories")
    t = process.hrtime.bigint()
    for (const { history, asOf } of chunk) {
      const e = evaluate(history, asOf, developmentRuleSets, nationalPolicy)
      steps += e.steps.length
      for (const s of e.steps) if (s.state === "blocked" || s.state === "overdue") blocked++
    }
    evalNs += process.hrtime.bigint() - t
    for (const { history } of chunk) records += history.records.length
  }
  return {
    histories: count,
    records,
    inputMB: bytes / 1e6,
    parseMs: Number(parseNs) / 1e6,
    evaluateMs: Number(evalNs) / 1e6,
    stepsJudged: steps,
    blockedOrOverdue: blocked,
    wallMs: performance.now() - started,
  }
}
