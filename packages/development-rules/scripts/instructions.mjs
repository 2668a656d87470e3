/**
 * A driver for counting instructions of `evaluate` under callgrind, which counts the same on a loaded machine
 * as on an idle one: draws `n` histories with the bench's generator (`generateHistory`, seed 20260701,
 * national policy) and evaluates all of them `rounds` times with the build in `dir` (default `dist`).
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --single-threaded \
 *     scripts/instructions.mjs dist 2000 2
 *
 * Run it with two numbers of rounds (say 2 and 6) and divide the difference of the totals by
 * (difference of rounds × n): what is left is the instructions of one warm evaluation, without start-up,
 * generation or most of the compiling. `dir` may be another copy of the package's build (the previous
 * commit's, say) placed inside this package, so that it resolves the same dependencies.
 */
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { mulberry32 } from "@xianfeng/core/testing"

const [dirArg = "dist", nArg = "2000", roundsArg = "2"] = process.argv.slice(2)
const dir = resolve(dirArg)
const lib = await import(pathToFileURL(join(dir, "index.js")).href)
const { generateHistory } = await import(pathToFileURL(join(dir, "testing.js")).href)
const n = Number(nArg)
const rounds = Number(roundsArg)

const rng = mulberry32(20260701)
const cases = []
for (let i = 0; i < n; i++) cases.push(generateHistory(rng))

let steps = 0
let verdicts = 0
for (let k = 0; k < rounds; k++)
  for (const { history, asOf } of cases) {
    const e = lib.evaluate(history, asOf, lib.developmentRuleSets, lib.nationalPolicy)
    steps += e.steps.length
    verdicts += e.verdicts.length
  }
console.log(JSON.stringify({ dir: dirArg, n, rounds, steps, verdicts }))
