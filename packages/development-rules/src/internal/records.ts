import { compareDates, isOnOrBefore, type PlainDate } from "@xianfeng/core"
import type { History, StepRecord, StepRecordOf } from "../history.js"
import type { StepId } from "../steps.js"

/** Records of one step, oldest first. */
export const recordsOf = <S extends StepId>(history: History, step: S): StepRecordOf<S>[] =>
  (history.records.filter((r) => r.step === step) as StepRecordOf<S>[])
    .slice()
    .sort((a, b) => compareDates(a.on, b.on))

export const firstOf = <S extends StepId>(history: History, step: S): StepRecordOf<S> | undefined =>
  recordsOf(history, step)[0]

export const lastOf = <S extends StepId>(history: History, step: S): StepRecordOf<S> | undefined => {
  const rs = recordsOf(history, step)
  return rs[rs.length - 1]
}

/** The history as it stood on `on`: records dated on or before it, without `except`. */
export const historyAsOf = (history: History, on: PlainDate, except?: StepRecord): History => ({
  person: history.person,
  records: history.records.filter((r) => r !== except && isOnOrBefore(r.on, on)),
})

export const latestDate = (ds: readonly (PlainDate | undefined)[]): PlainDate | undefined =>
  ds.reduce<PlainDate | undefined>(
    (acc, d) => (d === undefined ? acc : acc === undefined || compareDates(d, acc) > 0 ? d : acc),
    undefined,
  )
