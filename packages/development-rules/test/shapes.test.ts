/**
 * The cause of the rules benchmark's variance (docs/benchmarks.md, "Rules"): V8 holds the shape a class
 * instance reaches in its constructor only weakly, so a full collection that ran while no cut, cutter or
 * on-demand derived dates were alive freed those shapes and threw away every optimized function that relied
 * on them ("marking dependent code … for deoptimization, reason: weak objects"). The classes keep one
 * instance each (`keptShape`); this checks, in a child process with V8's deoptimization trace, that no
 * function of this package is thrown away by such a collection.
 */
import { execFileSync } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const here = dirname(fileURLToPath(import.meta.url))

describe("shapes kept across full collections", () => {
  it("no optimized function of the package is thrown away by a full collection between evaluations", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--expose-gc",
        "--trace-opt",
        "--trace-deopt",
        // Optimize on the main thread, so the functions are optimized when the collection runs.
        "--no-concurrent-recompilation",
        "--import",
        "tsx",
        join(here, "scripts", "deopt-after-gc.ts"),
      ],
      { cwd: join(here, ".."), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
    )
    const lines = out.split("\n")
    const gcAt = lines.findIndex((l) => l.startsWith("=== full collection"))
    const endAt = lines.findIndex((l) => l.startsWith("=== evaluated again"))
    expect(gcAt).toBeGreaterThan(0)
    expect(endAt).toBeGreaterThan(gcAt)
    // The trace names a function only by its name (`ours` below lists the package's hot ones).
    const optimized = lines
      .slice(0, gcAt)
      .filter((l) => l.startsWith("[completed optimizing") || l.startsWith("[completed compiling"))
      .filter((l) => [...ours].some((name) => l.includes(`<JSFunction ${name} `)))
    expect(optimized.length, "the package's functions were optimized before the collection").toBeGreaterThan(
      3,
    )
    const thrownAway = lines
      .slice(gcAt, endAt)
      .filter((l) => l.includes("reason: weak objects"))
      .map((l) => /SharedFunctionInfo ([^>]+)>/.exec(l)?.[1] ?? l)
      .filter((name) => ours.has(name))
    expect(thrownAway).toEqual([])
  })
})

/** Names of the functions the deoptimization trace could name from this package's hot path. */
const ours = new Set([
  "evaluate",
  "situation",
  "pendingSituation",
  "judgeIn",
  "judgeRecord",
  "runRules",
  "DerivedOnDemand",
  "get cancelledOn",
  "get closedBy",
  "get appliedOn",
  "#dates",
  "HistoryCutter",
  "CutHistory",
  "cut",
  "get person",
  "recordsOf",
  "firstOf",
  "lastOf",
  "lastTransfer",
  "answersOf",
  "transfer",
  "isSatisfied",
  "satisfied",
  "sinceExtension",
  "coveredByTransfer",
  "needsPublicNotice",
  "passedPreReviewLevels",
  "cancelledOnOf",
  "closedByOf",
  "deriveDates",
])
