import { date, type PlainDate, type RuleSet, type Verdict, verdict } from "@xianfeng/core"
import { Schema } from "effect"
import { drIn, type Edition } from "./citations.js"
import { dayOf } from "./internal/days.js"
import { ruleSetInForceOn } from "./internal/rule-sets.js"
import { Choice, Fields, IsoDate, NonNegativeInt, Text } from "./internal/schemas.js"

/**
 * One yearly analysis of the activist pool (入党积极分子队伍状况分析, DR 11): the county organization department
 * and each grassroots committee analyse their activists once a year and take measures against the problems
 * found. It concerns an organization, not a person, so it is a record of its own beside the 25 steps.
 */
export const ActivistPoolAnalysisSchema = Fields({
  /** The day of the analysis (the meeting or the report). */
  on: IsoDate,
  orgId: Text,
  analysedBy: Choice(["county-org-department", "grassroots-committee"]),
  /** Activists in the pool at the time. */
  activists: NonNegativeInt,
  /** 存在的问题 and 改进措施: the article asks for both. */
  problems: Text,
  measures: Text,
})
export type ActivistPoolAnalysis = typeof ActivistPoolAnalysisSchema.Type

/** Every code `activistPoolAnalysisStatus` emits (templates in `developmentMessages`). */
export const activistPoolAnalysisCodes: readonly string[] = [
  "DEV-POOL-ANALYSIS.done",
  "DEV-POOL-ANALYSIS.due",
  "DEV-POOL-ANALYSIS.overdue",
]

/**
 * Has the organization analysed its activist pool in `year` (DR 11, both editions)? Returns one verdict:
 * `ok` (`DEV-POOL-ANALYSIS.done`, with the date) when an analysis dated in that year is on file, `due`
 * (`dueBy` 31 December) while the year runs, `overdue` after it. Cites the edition in force on 31 December of
 * `year` (Art. 11 in both); a year before the first edition gets the first.
 */
export const activistPoolAnalysisStatus = (
  analyses: readonly Pick<ActivistPoolAnalysis, "on">[],
  year: number,
  asOf: PlainDate,
  ruleSets: readonly RuleSet<unknown>[],
): Verdict => {
  const dueBy = date(`${String(year).padStart(4, "0")}-12-31`)
  const edition = (ruleSetInForceOn(ruleSets, dayOf(dueBy))?.edition ??
    ruleSets[0]?.edition ??
    "2026") as Edition
  const cites = [drIn(edition, 11)]
  let done: PlainDate | undefined
  for (const a of analyses)
    if (a.on.year === year && (done === undefined || dayOf(a.on) < dayOf(done))) done = a.on
  if (done !== undefined) return verdict("ok", "DEV-POOL-ANALYSIS.done", cites, { year, on: done })
  return dayOf(asOf) > dayOf(dueBy)
    ? verdict("overdue", "DEV-POOL-ANALYSIS.overdue", cites, { year, dueBy }, dueBy)
    : verdict("due", "DEV-POOL-ANALYSIS.due", cites, { year, dueBy }, dueBy)
}

/** The record schema's decoder, for the API: `{ on, orgId, analysedBy, activists, problems, measures }`. */
export const decodeActivistPoolAnalysis = Schema.decodeUnknownResult(ActivistPoolAnalysisSchema)
