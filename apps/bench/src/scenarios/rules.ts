/** 1. The development rules over generated histories, against JSON.parse of the same histories. */
import type { BenchContext } from "../context.js"
import { log } from "../context.js"
import { type Report, type RulesResult, row, type Section } from "../report.js"
import { benchRules } from "../rules.js"

/**
 * What limits the rules benchmark, from CPU and allocation profiles of `evaluate()` over the bench's generated
 * histories (the development-rules build of 2026-11-30 evening, after the classes' shapes were kept).
 */
export const rulesLimit = (perEval: number, perParse: number) =>
  `evaluate() costs ${perEval.toFixed(0)} µs per history against ${perParse.toFixed(1)} µs of native JSON.parse. ` +
  "It judges each of the 32 steps and outcome records, and each record again as of its own date, against " +
  "every rule of the edition in force, and allocates about 33 kB per history doing so (the step states and " +
  "their verdicts, a cut and its prerequisite answers per record), against about 48 kB before the order " +
  "rule's verdicts were shared. The figure also depends on when V8 collects: a full collection inside the " +
  "timing counts there, and until this build one between two chunks threw away evaluate's optimized code " +
  "(the shapes of its classes were freed), which is what made the same code cost 34 to 58 µs per history " +
  "from run to run. The first chunk runs mostly unoptimized (two to three times a warm chunk), so the " +
  "ratio falls with the number of histories. " +
  `A 3× budget leaves about ${(3 * perParse).toFixed(0)} µs per history; the remaining lever is judging ` +
  "fewer (step, rule, date) combinations per history."

/** Says so when a full run used fewer histories than the million (BENCH_HISTORIES). */
export const sizeNotes = (report: Report): string[] => {
  const rules = report.sections.find((s) => s.id === "rules")
  const n = Number(/^([\d,]+) generated histories/.exec(rules?.setup ?? "")?.[1]?.replace(/,/g, "") ?? 0)
  return report.mode === "full" && n > 0 && n < 1_000_000
    ? [
        `Rules ran on ${n.toLocaleString("en-US")} histories (\`BENCH_HISTORIES\`), not the full 1,000,000, to fit ` +
          "this run in its time slot; the figure is per history, and parse and evaluate scale alike.",
      ]
    : []
}

export const rulesScenario = ({ cfg }: BenchContext): Section => {
  log(`rules: ${cfg.histories} histories`)
  const rules: RulesResult = benchRules(cfg.histories, cfg.seed)
  const perParse = (rules.parseMs * 1000) / rules.histories
  const perEval = (rules.evaluateMs * 1000) / rules.histories
  return {
    id: "rules",
    title: "Development rules over generated histories",
    setup:
      `${rules.histories.toLocaleString("en-US")} generated histories (${rules.records.toLocaleString("en-US")} records, ` +
      `${rules.inputMB.toFixed(0)} MB of JSON), \`evaluate(history, asOf, developmentRuleSets, nationalPolicy)\` on each, ` +
      `${rules.stepsJudged.toLocaleString("en-US")} step states (${rules.blockedOrOverdue.toLocaleString("en-US")} blocked or overdue). ` +
      "Baseline: `JSON.parse` of the same histories (the cost of merely reading them). One thread, chunks of 5,000; " +
      "generating and serializing a chunk are not timed; both phases are also timed in CPU time of the process.",
    rows: [
      row({
        metric: "evaluate all histories",
        baselineLabel: "JSON.parse",
        baseline: rules.parseMs,
        measured: rules.evaluateMs,
        unit: "ms",
        target: "≤ 3×",
        pass: rules.evaluateMs <= 3 * rules.parseMs,
        detail:
          `${perEval.toFixed(1)} µs per history vs ${perParse.toFixed(1)} µs to parse it; CPU time ` +
          `${((rules.evaluateCpuMs * 1000) / rules.histories).toFixed(1)} vs ` +
          `${((rules.parseCpuMs * 1000) / rules.histories).toFixed(1)} µs (${(rules.evaluateCpuMs / rules.parseCpuMs).toFixed(2)}×)`,
        limit: rulesLimit(perEval, perParse),
      }),
    ],
  }
}
