import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { mulberry32 } from "@xianfeng/core/testing"
import { developmentRuleSets, evaluate, nationalPolicy } from "@xianfeng/development-rules"
import { type GeneratedHistory, generateHistory } from "@xianfeng/development-rules/testing"
import type { RulesResult } from "./report.js"

const CHUNK = 5_000

/**
 * A full collection, from the `gc` V8 exposes on request (no command-line flag needed): run between the
 * timed phases so that neither pays for the other's garbage.
 */
const collect: () => void = (() => {
  setFlagsFromString("--expose-gc")
  return runInNewContext("gc") as () => void
})()

/**
 * Evaluates `count` generated histories and, as the baseline, `JSON.parse`s the same histories serialized
 * (the cost of merely reading the input). Work is done in chunks of 5,000 so memory stays flat at a million;
 * generation and `JSON.stringify` are outside both timings, and parse and evaluation alternate per chunk so
 * that noise on the shared machine hits both alike.
 *
 * Each timed phase starts after a full garbage collection (not timed): the garbage of generating a chunk,
 * of the last phase and of the last chunk is gone, so a phase pays only for collecting what it allocates
 * itself. Without it, whichever phase happened to fill the young generation paid for promoting the
 * generated histories and for collections whose pauses stretch when the collector's helper threads wait for a
 * core: on the loaded 2-core machine the baseline's CPU time per history ranged from 10.9 to 26.5 µs over four
 * runs of the same build, against 13.5 to 13.7 µs with the collections between phases.
 * Both phases are also timed in CPU time of the process (`process.cpuUsage`, which counts the garbage
 * collector's helper threads too), which does not count time spent waiting for a core.
 */
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
    let text: string | undefined = JSON.stringify(chunk)
    bytes += Buffer.byteLength(text)
    collect()
    let cpu = process.cpuUsage()
    let t = process.hrtime.bigint()
    const parsed = JSON.parse(text) as unknown[]
    parseNs += process.hrtime.bigint() - t
    cpu = process.cpuUsage(cpu)
    parseCpuUs += cpu.user + cpu.system
    if (parsed.length !== n) throw new Error("parse lost histories")
    parsed.length = 0
    text = undefined
    collect()
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
