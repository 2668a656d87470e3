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
 * What a `HistoryCutter` works out once per history and every cut of it shares: the records and their epoch
 * days in the history's order, the records grouped by step (each group in date order), and whether the
 * history holds a transfer-in at all.
 */
interface Index {
  readonly person: History["person"]
  readonly all: readonly StepRecord[]
  readonly days: readonly number[]
  readonly groups: ReadonlyMap<string, Group>
  readonly hasTransfer: boolean
}

/**
 * A history as it stood on a day (records on or before it, without the one being judged), made by
 * `historyAsOf` or a `HistoryCutter`. It answers `recordsOf` from the whole history's groups: a step's records
 * in the cut are a prefix of its records overall, usually all or none of them, so most answers cost no
 * copying. Rules ask for the first or last record of some step dozens of times per evaluation. A cut holds
 * only its day, the record left out and its history's shared `Index` (evaluate makes one per record).
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
    {
      person: { birthDate: undefined as unknown as History["person"]["birthDate"], migrant: false },
      all: [],
      days: [],
      groups: new Map(),
      hasTransfer: false,
    },
    0,
    undefined,
  )

  readonly #index: Index
  readonly #on: number
  readonly #except: StepRecord | undefined
  /** `records`, once asked for. */
  #records: readonly StepRecord[] | undefined
  /** The last partial answer of `recordsOf` and its step (a record's cut asks about its own step). */
  #partialStep: string | undefined
  #partial: readonly StepRecord[] | undefined
  /** Prerequisites answered for this cut (it never changes), under one policy, calendar of editions and day. */
  #answers: Map<string, boolean> | undefined
  #answersFor: readonly [unknown, unknown, unknown] | undefined
  #transfer: StepRecordOf<"transfer-in"> | undefined | null

  constructor(index: Index, on: number, except: StepRecord | undefined) {
    this.#index = index
    this.#on = on
    this.#except = except
    this.#records = undefined
    this.#partialStep = undefined
    this.#partial = undefined
    this.#answers = undefined
    this.#answersFor = undefined
    // Most histories hold no transfer: then no cut of them does.
    this.#transfer = index.hasTransfer ? null : undefined
  }

  get person(): History["person"] {
    return this.#index.person
  }

  /**
   * The cut's answers, kept only for a cut without a record left out: the cut of `asOf`, against which
   * evaluate judges every pending step (up to 32 steps asking overlapping prerequisites). A record's cut is
   * judged for one step, whose prerequisites are asked once each, so keeping them would only allocate.
   */
  answers(policy: unknown, editionOn: unknown, on: unknown): Map<string, boolean> | undefined {
    if (this.#except !== undefined) return undefined
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

  /**
   * Records dated on or before the cut's day, without the one judged, in the history's order. Worked out
   * when first asked for: rules read the cut through `recordsOf`, so most cuts never need the list.
   */
  get records(): readonly StepRecord[] {
    if (this.#records === undefined) {
      const { all, days } = this.#index
      const kept: StepRecord[] = []
      for (let i = 0; i < all.length; i++)
        if ((days[i] as number) <= this.#on && all[i] !== this.#except) kept.push(all[i] as StepRecord)
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
    const g = this.#index.groups.get(step)
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
    // Nothing before the record judged (its step's first record, the usual case): no list to make.
    if (n === 0 || (n === 1 && hasExcept)) return none
    if (this.#partialStep !== step || this.#partial === undefined) {
      this.#partial = hasExcept ? records.slice(0, n).filter((r) => r !== this.#except) : records.slice(0, n)
      this.#partialStep = step
    }
    return this.#partial
  }
}

/**
 * A place to keep answers about a cut that depend only on it and on (policy, editionOn, on), all compared by
 * identity (a situation passes the same objects to every rule): the same
 * prerequisite is asked for by many steps' rules judged against one cut. Undefined for a history from
 * outside and for a record's cut (asked afresh each time).
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

  readonly #index: Index
  /**
   * Whether the history holds a probation cancellation or a record that closes the procedure (direct or
   * posthumous admission, non-recognition: derived.ts's `closingSteps`): without one, no cut of it has a
   * `cancelledOn` or a `closedBy`.
   */
  readonly closing: boolean

  constructor(history: History) {
    const records = history.records
    const days = records.map((r) => dayOfFresh(r.on))
    const groups = new Map<string, { records: StepRecord[]; days: number[] }>()
    let sorted = true
    for (let i = 1; i < days.length && sorted; i++) sorted = (days[i - 1] as number) <= (days[i] as number)
    // Stored histories come in date order; others are sorted by day, ties in their original order.
    let order: number[] | undefined
    if (!sorted) {
      order = records.map((_, i) => i)
      order.sort((a, b) => (days[a] as number) - (days[b] as number) || a - b)
    }
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
    this.#index = {
      person: history.person,
      all: records,
      days,
      groups,
      hasTransfer: groups.has("transfer-in"),
    }
    this.closing =
      groups.has("probation-cancellation") ||
      groups.has("direct-admission") ||
      groups.has("posthumous-admission") ||
      groups.has("membership-not-recognised")
  }

  /** The history as it stood on epoch day `on`: records dated on or before it, without `except`. */
  cut(on: number, except?: StepRecord): History {
    return new CutHistory(this.#index, on, except)
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
