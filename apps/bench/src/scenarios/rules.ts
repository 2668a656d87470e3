/** 1. The development rules over generated histories, against JSON.parse of the same histories. */
import type { BenchContext } from "../context.js"
import { log } from "../context.js"
import { type Report, type RulesResult, row, type Section } from "../report.js"
import { benchRules } from "../rules.js"

/**
 * What limits the rules benchmark, from CPU profiles of `evaluate()` over the bench's generated histories
 * (the development-rules build of 2026-11-30, after a record's derived dates were made lazy).
 */
export const rulesLimit = (perEval: number, perParse: number) =>
  `evaluate() costs ${perEval.toFixed(0)} µs per history against ${perParse.toFixed(1)} µs of native JSON.parse. ` +
  "It judges each of the 32 steps and outcome records, and each record again as of its own date, against " +
  "every rule of the edition in force. In a CPU profile of evaluate(), about two thirds of the time is " +
  "judging steps (`judgeIn`), a third of that the order rule with its prerequisite checks (`isSatisfied`); " +
  "about an eighth is `HistoryCutter` reading each record's date the first time (three temporal-polyfill " +
  "getters per date); about a tenth is making the `PlainDate`s of period ends for the verdicts while the " +
  "day cache fills. Working out each record's derived dates, 12% of the profile before, is now under 3%. " +
  `A 3× budget leaves about ${(3 * perParse).toFixed(0)} µs per history, so the remaining lever is judging ` +
  "fewer (step, rule, date) combinations per history rather than making each one cheaper."

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
