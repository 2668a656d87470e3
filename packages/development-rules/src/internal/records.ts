import type { PlainDate } from "@xianfeng/core"
import type { History, StepRecord, StepRecordOf } from "../history.js"
import type { StepId } from "../steps.js"
import { dayOf } from "./days.js"

const none: readonly never[] = []

/** Records grouped by step, each group oldest first (a stable sort: same-day records keep their order). */
type Groups = ReadonlyMap<string, readonly StepRecord[]>

const groupSorted = (sorted: readonly StepRecord[]): Groups => {
  const out = new Map<string, StepRecord[]>()
  for (const r of sorted) {
    const g = out.get(r.step)
    if (g === undefined) out.set(r.step, [r])
    else g.push(r)
  }
  return out
}

/** Records sorted by date, ties in their original order. */
const sortByDay = (records: readonly StepRecord[]): StepRecord[] => {
  const days = records.map((r) => dayOf(r.on))
  return records
    .map((_, i) => i)
    .sort((a, b) => (days[a] as number) - (days[b] as number) || a - b)
    .map((i) => records[i] as StepRecord)
}

/**
 * Histories built by `historyAsOf` and `HistoryCutter` are never changed after, so their groups are kept
 * (every rule asks for the first or last record of some step, dozens of times per evaluation). A history
 * that came from outside is grouped afresh on each call: its owner might still change it.
 */
const groupsOfCut = new WeakMap<History, Groups>()

const groupsOf = (history: History): Groups => {
  const cached = groupsOfCut.get(history)
  return cached ?? groupSorted(sortByDay(history.records))
}

/** Records of one step, oldest first. */
export const recordsOf = <S extends StepId>(history: History, step: S): readonly StepRecordOf<S>[] =>
  (groupsOf(history).get(step) ?? none) as readonly StepRecordOf<S>[]

export const firstOf = <S extends StepId>(history: History, step: S): StepRecordOf<S> | undefined =>
  recordsOf(history, step)[0]

export const lastOf = <S extends StepId>(history: History, step: S): StepRecordOf<S> | undefined => {
  const rs = recordsOf(history, step)
  return rs[rs.length - 1]
}

/**
 * Cuts one history at many dates (evaluate judges each record against what was on file on its date): the
 * records' days and date order are worked out once.
 */
export class HistoryCutter {
  readonly #history: History
  readonly #days: readonly number[]
  readonly #sorted: readonly StepRecord[]
  readonly #sortedDays: readonly number[]

  constructor(history: History) {
    this.#history = history
    this.#days = history.records.map((r) => dayOf(r.on))
    this.#sorted = sortByDay(history.records)
    this.#sortedDays = this.#sorted.map((r) => dayOf(r.on))
  }

  /** The history as it stood on epoch day `on`: records dated on or before it, without `except`. */
  cut(on: number, except?: StepRecord): History {
    const { records } = this.#history
    const kept: StepRecord[] = []
    for (let i = 0; i < records.length; i++)
      if ((this.#days[i] as number) <= on && records[i] !== except) kept.push(records[i] as StepRecord)
    const sorted: StepRecord[] = []
    for (let i = 0; i < this.#sorted.length && (this.#sortedDays[i] as number) <= on; i++)
      if (this.#sorted[i] !== except) sorted.push(this.#sorted[i] as StepRecord)
    const h: History = { person: this.#history.person, records: kept }
    groupsOfCut.set(h, groupSorted(sorted))
    return h
  }
}

/** The history as it stood on `on`: records dated on or before it, without `except`. */
export const historyAsOf = (history: History, on: PlainDate, except?: StepRecord): History =>
  new HistoryCutter(history).cut(dayOf(on), except)

export const latestDate = (ds: readonly (PlainDate | undefined)[]): PlainDate | undefined =>
  ds.reduce<PlainDate | undefined>(
    (acc, d) => (d === undefined ? acc : acc === undefined || dayOf(d) > dayOf(acc) ? d : acc),
    undefined,
  )
