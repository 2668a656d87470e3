/**
 * Run by `test/shapes.test.ts` under `node --expose-gc --trace-deopt`: evaluates histories until the hot
 * functions are optimized, lets a full collection run while no evaluation is under way (as happens between
 * two batches of evaluations), then evaluates again. The test reads V8's deoptimization trace.
 */
import { mulberry32 } from "@xianfeng/core/testing"
import { developmentRuleSets, evaluate, nationalPolicy } from "../../src/index.js"
import { generateHistory } from "../../src/testing.js"

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error("run with --expose-gc")
const rng = mulberry32(7)
const batch = (n: number) => {
  const hs = Array.from({ length: n }, () => generateHistory(rng))
  let steps = 0
  for (const { history, asOf } of hs)
    steps += evaluate(history, asOf, developmentRuleSets, nationalPolicy).steps.length
  return steps
}
// Enough evaluations for V8 to optimize several of the package's small hot functions on their own (cuts'
// and cutters' constructors, the derived-date getters); with 400 only one of them was, once they got cheaper.
batch(1000)
console.log("=== full collection between evaluations")
gc()
gc()
gc()
console.log(`=== evaluated again: ${batch(20)} step states`)
