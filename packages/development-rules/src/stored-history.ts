import type { PlainDate } from "@xianfeng/core"
import type { History, StepRecord } from "./history.js"
import { factsOf, type PersonInput } from "./person-facts.js"
import { storedStepRecord } from "./stored.js"

/** A development record as stored: the step id, its date and its evidence (JSON). */
export interface StoredRecordInput {
  readonly step: string
  readonly onDate: PlainDate
  readonly evidence: unknown
}

/**
 * A stored record as the rules read it. Records passed `decodeStepRecord` when they were written, so reading
 * them back only turns their dates into `PlainDate`s (`storedStepRecord`: a pipeline reads tens of thousands
 * of records, and full decoding cost more than evaluating them); a record that does not fit its step's shape
 * is decoded in full, and undefined if that fails.
 */
export const stepRecordOf = (r: StoredRecordInput): StepRecord | undefined =>
  storedStepRecord({ step: r.step, on: r.onDate, evidence: r.evidence })

/**
 * A person's development history from a member record and their stored records, judged on `asOf` (the
 * person's facts depend on their age then, see `factsOf`). Records that no longer read as their step are
 * left out rather than failing the whole history; the order of `records` is kept (`evaluate` accepts any).
 */
export const historyOf = (
  p: PersonInput,
  records: readonly StoredRecordInput[],
  asOf: PlainDate,
): History => ({
  person: factsOf(p, asOf),
  records: records.flatMap((r) => {
    const s = stepRecordOf(r)
    return s === undefined ? [] : [s]
  }),
})
