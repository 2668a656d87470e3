/**
 * Times `evaluate` over a fixed generated corpus against the bench's baseline, `JSON.parse` of the same
 * histories serialized, and optionally dumps every canonical output (to diff two implementations).
 *
 *   pnpm exec tsx scripts/profile.ts [n=2000] [--dist] [--dump=/tmp/out.jsonl] [--repeat=3]
 *   node --cpu-prof --import tsx scripts/profile.ts 2000 --dist     # then open the .cpuprofile
 *
 * `--lib=<path>` evaluates with another copy of the package (say, the last release's src). `--dist` evaluates with the built package (dist/index.js, what the API and the bench run). `--bench` draws
 * the histories with the generator the bench uses (`generateHistory` of the testing entry, seed 20260701, national policy) instead of the test corpus.
 */
import { writeFileSync } from "node:fs"
import { mulberry32 } from "@xianfeng/core/testing"
import * as src from "../src/index.js"
import { generateHistory } from "../src/testing.js"
import { canonical, corpus } from "../test/corpus.js"

const args = process.argv.slice(2)
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 2000)
const useDist = args.includes("--dist")
const dump = args.find((a) => a.startsWith("--dump="))?.slice(7)
const repeat = Number(args.find((a) => a.startsWith("--repeat="))?.slice(9) ?? 3)

const other = args.find((a) => a.startsWith("--lib="))?.slice(6)
// A variable, not a literal: typecheck runs before this package is built, and must not need dist/.
const distEntry = "../dist/index.js"
const lib: typeof src =
  other !== undefined
    ? ((await import(other)) as unknown as typeof src)
    : useDist
      ? ((await import(distEntry)) as unknown as typeof src)
      : src

type Case = Pick<ReturnType<typeof corpus>[number], "history" | "asOf" | "policy">
const benchCases = (): Case[] => {
  const rng = mulberry32(20260701)
  return Array.from({ length: n }, () => ({ ...generateHistory(rng), policy: lib.nationalPolicy }))
}

const t = performance.now()
const cases: Case[] = args.includes("--bench") ? benchCases() : corpus(n)
const genMs = performance.now() - t
const records = cases.reduce((a, c) => a + c.history.records.length, 0)
const text = JSON.stringify(cases.map((c) => ({ history: c.history, asOf: c.asOf })))

const time = (f: () => void): number => {
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < repeat; i++) {
    const s = performance.now()
    f()
    best = Math.min(best, performance.now() - s)
  }
  return best
}

let sink = 0
const parseMs = time(() => {
  sink += (JSON.parse(text) as unknown[]).length
})
// warm up once (JIT, caches) before timing
for (const c of cases.slice(0, 200)) lib.evaluate(c.history, c.asOf, lib.developmentRuleSets, c.policy)
const evalMs = time(() => {
  for (const c of cases)
    sink += lib.evaluate(c.history, c.asOf, lib.developmentRuleSets, c.policy).steps.length
})

if (dump !== undefined) {
  const lines = cases.map((c) =>
    canonical(lib.evaluate(c.history, c.asOf, lib.developmentRuleSets, c.policy)),
  )
  writeFileSync(dump, `${lines.join("\n")}\n`)
}

const us = (ms: number) => ((ms * 1000) / n).toFixed(1)
console.log(
  JSON.stringify(
    {
      histories: n,
      records,
      inputKB: Math.round(text.length / 1024),
      generateMs: Math.round(genMs),
      parseUsPerHistory: us(parseMs),
      evaluateUsPerHistory: us(evalMs),
      ratioToParse: (evalMs / parseMs).toFixed(1),
      build: other ?? (useDist ? "dist" : "src"),
      histories_from: args.includes("--bench") ? "apps/bench" : "test/corpus",
      sink,
    },
    null,
    1,
  ),
)
