import type { PlainDate } from "@xianfeng/core"
import type { History, StepRecord, StepRecordOf } from "../history.js"
import type { StepId } from "../steps.js"
import { dayOf, dayOfFresh } from "./days.js"

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

/** One step's records in date order, with their epoch days. */
interface Group {
  readonly records: readonly StepRecord[]
  readonly days: readonly number[]
}

/**
 * A history as it stood on a day (records on or before it, without the one being judged), made by
 * `historyAsOf` or a `HistoryCutter`. It answers `recordsOf` from the whole history's groups: a step's records
 * in the cut are a prefix of its records overall, usually all or none of them, so most answers cost no
 * copying. Rules ask for the first or last record of some step dozens of times per evaluation.
 */
class CutHistory implements History {
  /**
   * One cut kept for the module's life, so that V8 keeps the shape (hidden class) a cut has once its fields
   * are defined. That shape is reached through map transitions the engine holds weakly: when a full garbage
   * collection finds no cut alive (between two evaluations), it frees the shape and throws away every
   * optimized function that relied on it ("deoptimization, reason: weak objects"), and the next evaluations
   * run unoptimized until the engine has compiled them again. See docs/benchmarks.md ("Rules").
   */
  static readonly keptShape: CutHistory = new CutHistory(
    { birthDate: undefined as unknown as History["person"]["birthDate"], migrant: false },
    [],
    [],
    new Map(),
    0,
    undefined,
  )

  readonly person: History["person"]
  /** The whole history's records and their days, from which `records` is cut when first asked for. */
  readonly #all: readonly StepRecord[]
  readonly #days: readonly number[]
  #records: readonly StepRecord[] | undefined
  readonly #groups: ReadonlyMap<string, Group>
  readonly #on: number
  readonly #except: StepRecord | undefined
  #partial: Map<string, readonly StepRecord[]> | undefined
  /** Prerequisites answered for this cut (it never changes), under one policy, calendar of editions and day. */
  #answers: Map<string, boolean> | undefined
  #answersFor: readonly [unknown, unknown, unknown] | undefined

  answers(policy: unknown, editionOn: unknown, on: unknown): Map<string, boolean> {
    const f = this.#answersFor
    if (
      this.#answers === undefined ||
      f === undefined ||
      f[0] !== policy ||
      f[1] !== editionOn ||
      f[2] !== on
    ) {
      this.#answers = new Map()
      this.#answersFor = [policy, editionOn, on]
    }
    return this.#answers
  }

  constructor(
    person: History["person"],
    all: readonly StepRecord[],
    days: readonly number[],
    groups: ReadonlyMap<string, Group>,
    on: number,
    except: StepRecord | undefined,
  ) {
    this.person = person
    this.#all = all
    this.#days = days
    this.#records = undefined
    this.#groups = groups
    this.#on = on
    this.#except = except
  }

  #transfer: StepRecordOf<"transfer-in"> | undefined | null = null

  /**
   * Records dated on or before the cut's day, without the one judged, in the history's order. Worked out
   * when first asked for: rules read the cut through `recordsOf`, so most cuts never need the list.
   */
  get records(): readonly StepRecord[] {
    if (this.#records === undefined) {
      const all = this.#all
      const kept: StepRecord[] = []
      for (let i = 0; i < all.length; i++)
        if ((this.#days[i] as number) <= this.#on && all[i] !== this.#except) kept.push(all[i] as StepRecord)
      this.#records = kept
    }
    return this.#records
  }

  /** The last transfer on file (asked for by every step's order check). */
  transfer(): StepRecordOf<"transfer-in"> | undefined {
    if (this.#transfer === null) this.#transfer = lastOf(this, "transfer-in")
    return this.#transfer
  }

  recordsOf(step: string): readonly StepRecord[] {
    const g = this.#groups.get(step)
    if (g === undefined) return none
    const { records, days } = g
    // The usual answers: all of them (the cut is after the last, and the record judged is another step's)…
    if ((days[days.length - 1] as number) <= this.#on && this.#except?.step !== step) return records
    // …or none (the cut is before the first).
    if ((days[0] as number) > this.#on) return none
    let n = 0
    let hasExcept = false
    while (n < days.length && (days[n] as number) <= this.#on) {
      if (records[n] === this.#except) hasExcept = true
      n++
    }
    if (n === records.length && !hasExcept) return records
    if (n === 0) return none
    this.#partial ??= new Map()
    let part = this.#partial.get(step)
    if (part === undefined) {
      part = records.slice(0, n).filter((r) => r !== this.#except)
      this.#partial.set(step, part)
    }
    return part
  }
}

/**
 * A place to keep answers about a cut that depend only on it and on (policy, editionOn, on), all compared by
 * identity (a situation passes the same objects to every rule): the same
 * prerequisite is asked for by many steps' rules judged against one cut. Undefined for a history from
 * outside (asked afresh each time).
 */
export const answersOf = (
  history: History,
  policy: unknown,
  editionOn: unknown,
  on: unknown,
): Map<string, boolean> | undefined =>
  history instanceof CutHistory ? history.answers(policy, editionOn, on) : undefined

/** The last transfer-in on file (`lastOf(history, "transfer-in")`, worked out once per cut). */
export const lastTransfer = (history: History): StepRecordOf<"transfer-in"> | undefined =>
  history instanceof CutHistory ? history.transfer() : lastOf(history, "transfer-in")

/** Records of one step, oldest first. */
export const recordsOf = <S extends StepId>(history: History, step: S): readonly StepRecordOf<S>[] =>
  (history instanceof CutHistory
    ? history.recordsOf(step)
    : (groupSorted(sortByDay(history.records)).get(step) ?? none)) as readonly StepRecordOf<S>[]

// Both check the length first: reading past the end of an array (even `[][-1]`) is a slow path in V8, and
// most steps have no record yet.
export const firstOf = <S extends StepId>(history: History, step: S): StepRecordOf<S> | undefined => {
  const rs = recordsOf(history, step)
  return rs.length === 0 ? undefined : rs[0]
}

export const lastOf = <S extends StepId>(history: History, step: S): StepRecordOf<S> | undefined => {
  const rs = recordsOf(history, step)
  return rs.length === 0 ? undefined : rs[rs.length - 1]
}

/**
 * Cuts one history at many dates (evaluate judges each record against what was on file on its date): the
 * records' days and groups are worked out once.
 */
export class HistoryCutter {
  /** Keeps a cutter's shape alive, as `CutHistory.keptShape` does a cut's. */
  static readonly keptShape: HistoryCutter = new HistoryCutter({
    person: CutHistory.keptShape.person,
    records: [],
  })

  readonly #history: History
  readonly #days: readonly number[]
  readonly #groups: ReadonlyMap<string, Group>

  constructor(history: History) {
    this.#history = history
    this.#days = history.records.map((r) => dayOfFresh(r.on))
    const groups = new Map<string, { records: StepRecord[]; days: number[] }>()
    const days = this.#days
    let sorted = true
    for (let i = 1; i < days.length && sorted; i++) sorted = (days[i - 1] as number) <= (days[i] as number)
    // Stored histories come in date order; others are sorted by day, ties in their original order.
    let order: number[] | undefined
    if (!sorted) {
      order = history.records.map((_, i) => i)
      order.sort((a, b) => (days[a] as number) - (days[b] as number) || a - b)
    }
    const records = history.records
    for (let k = 0; k < records.length; k++) {
      const i = order === undefined ? k : (order[k] as number)
      const r = records[i] as StepRecord
      const g = groups.get(r.step)
      if (g === undefined) groups.set(r.step, { records: [r], days: [days[i] as number] })
      else {
        g.records.push(r)
        g.days.push(days[i] as number)
      }
    }
    this.#groups = groups
  }

  /** The history as it stood on epoch day `on`: records dated on or before it, without `except`. */
  cut(on: number, except?: StepRecord): History {
    return new CutHistory(this.#history.person, this.#history.records, this.#days, this.#groups, on, except)
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
