import { mulberry32 } from "@xianfeng/core/testing"
import { developmentRuleSets, evaluate, nationalPolicy } from "@xianfeng/development-rules"
import { type GeneratedHistory, generateHistory } from "@xianfeng/development-rules/testing"
import type { RulesResult } from "./report.js"

const CHUNK = 5_000

/**
 * Evaluates `count` generated histories and, as the baseline, `JSON.parse`s the same histories serialized
 * (the cost of merely reading the input). Work is done in chunks of 5,000 so memory stays flat at a million;
 * generation and `JSON.stringify` are outside both timings, and parse and evaluation alternate per chunk so
 * that noise on the shared machine hits both alike.
 *
 * Both phases are also timed in CPU time of the process (`process.cpuUsage`, which counts the garbage
 * collector's helper threads too), which does not count time spent waiting for a core. No collection is
 * forced between the phases. (One forced before `evaluate` used to make its CPU time per history 1.8–1.9×
 * larger: it freed the shapes of the rules package's classes and threw their optimized code away. The
 * package now keeps those shapes; see docs/benchmarks.md, "Rules".)
 */
/**
 * Parses a chunk and keeps only the number of histories, as the evaluation keeps only counts of what it
 * found: the parsed chunk is garbage once this returns. Held in a local of the loop it stayed reachable while
 * the same chunk was evaluated, so the young-generation collections during `evaluate` copied and promoted it
 * (27.0 against 12.6 MB promoted over 15,000 histories), a cost the baseline made and the evaluation paid.
 */
const parseCount = (text: string): number => (JSON.parse(text) as unknown[]).length

export const benchRules = (count: number, seed = 20260701): RulesResult => {
  const rng = mulberry32(seed)
  let parseNs = 0n
  let evalNs = 0n
  let parseCpuUs = 0
  let evalCpuUs = 0
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
    let cpu = process.cpuUsage()
    let t = process.hrtime.bigint()
    const parsedCount = parseCount(text)
    parseNs += process.hrtime.bigint() - t
    cpu = process.cpuUsage(cpu)
    parseCpuUs += cpu.user + cpu.system
    if (parsedCount !== n) throw new Error("parse lost histories")
    cpu = process.cpuUsage()
    t = process.hrtime.bigint()
    for (const { history, asOf } of chunk) {
      const e = evaluate(history, asOf, developmentRuleSets, nationalPolicy)
      steps += e.steps.length
      for (const s of e.steps) if (s.state === "blocked" || s.state === "overdue") blocked++
    }
    evalNs += process.hrtime.bigint() - t
    cpu = process.cpuUsage(cpu)
    evalCpuUs += cpu.user + cpu.system
    for (const { history } of chunk) records += history.records.length
  }
  return {
    histories: count,
    records,
    inputMB: bytes / 1e6,
    parseMs: Number(parseNs) / 1e6,
    evaluateMs: Number(evalNs) / 1e6,
    parseCpuMs: parseCpuUs / 1e3,
    evaluateCpuMs: evalCpuUs / 1e3,
    stepsJudged: steps,
    blockedOrOverdue: blocked,
    wallMs: performance.now() - started,
  }
}
