/** 1. The development rules over generated histories, against JSON.parse of the same histories. */
import type { BenchContext } from "../context.js"
import { log } from "../context.js"
import { type Report, type RulesResult, row, type Section } from "../report.js"
import { benchRules } from "../rules.js"

/**
 * What limits the rules benchmark, from CPU profiles of `evaluate()` over the bench's generated histories (the
 * development-rules build of 2026-12-01 night: a record judged with a context alone on a cut that shares its
 * history's index; before it, the build of 2026-11-30 night).
 */
export const rulesLimit = (perEval: number, perParse: number) =>
  `evaluate() costs ${perEval.toFixed(0)} µs per history against ${perParse.toFixed(1)} µs of native JSON.parse. ` +
  "It judges each of the 32 steps and outcome records, and each record again as of its own date, against the " +
  "rules of the edition in force (pending steps only against the rules that can judge a step not yet on file). " +
  "In a CPU profile of evaluate(), about two fifths is judging the records on their own dates and a fifth " +
  "judging the pending steps (the order rule's prerequisite checks about a sixth of the whole); an eighth is " +
  "grouping the history's records by step, half of that reading each record's date for the first time through " +
  "temporal-polyfill (every field read looks the date up in the polyfill's table of all live dates, mostly " +
  "cache misses); garbage collection comes on top. The first chunk runs mostly unoptimized (two to three times " +
  "a warm chunk), so the ratio falls with the number of histories. " +
  `A 3× budget leaves about ${(3 * perParse).toFixed(0)} µs per history; what is left to take out is the ` +
  "rules' own work per record and the first read of each date (a history whose records carried their epoch " +
  "days would skip it)."

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
