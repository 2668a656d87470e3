import { formatCitation, type Verdict } from "@xianfeng/core"
import type { ImpactAdapter, ImpactDataset, KeyedVerdict } from "./adapter.js"
import { maskIdNumber, maskName } from "./mask.js"

/**
 * How a verdict changed between two versions, checked in this order (the first that holds names it):
 * - `newly-blocked`: blocked now, not before (a step a secretary could take is refused);
 * - `no-longer-blocked`: blocked before, not now;
 * - `new-due-date`: its deadline moved, appeared or went away;
 * - `new-citation`: the same verdict rests on other articles (a new edition's numbering);
 * - `other`: any other difference (a warning added or dropped, other parameters).
 */
export type ChangeKind = "newly-blocked" | "no-longer-blocked" | "new-due-date" | "new-citation" | "other"

export const changeKinds: readonly ChangeKind[] = [
  "newly-blocked",
  "no-longer-blocked",
  "new-due-date",
  "new-citation",
  "other",
]

/** One changed verdict of one person, as a report may show it (name and ID number masked). */
export interface SampleChange {
  readonly name: string
  readonly idNumber: string
  readonly org: string
  readonly slot: string
  /** `status code (due date)` before and after; absent where the version gave no such verdict. */
  readonly before?: string
  readonly after?: string
}

/** The changes of one kind under one rule: how many verdicts, how many people, a few of them. */
export interface ImpactGroup {
  readonly rule: string
  readonly kind: ChangeKind
  readonly verdicts: number
  readonly people: number
  readonly sample: readonly SampleChange[]
}

export interface ImpactReport {
  readonly area: string
  readonly before: string
  readonly after: string
  readonly asOf: string
  /** People the area judged (those with a case). */
  readonly people: number
  /** People with at least one changed verdict. */
  readonly affectedPeople: number
  readonly changedVerdicts: number
  /** Sorted by rule, then by kind in `changeKinds` order. */
  readonly groups: readonly ImpactGroup[]
}

export interface CompareOptions {
  /** Sample size per group (default 5). */
  readonly sample?: number
}

/** The rule a verdict code belongs to: `DEV-AGE-MIN.too-young` → `DEV-AGE-MIN`. */
export const ruleOf = (code: string): string => {
  const dot = code.indexOf(".")
  return dot < 0 ? code : code.slice(0, dot)
}

const dueOf = (v: Verdict): string => (v.dueBy === undefined ? "" : v.dueBy.toString())
const citationsOf = (v: Verdict): string =>
  v.citations
    .map((c) => formatCitation(c, "zh-CN"))
    .sort()
    .join("；")
const paramsOf = (v: Verdict): string =>
  JSON.stringify(Object.entries(v.params).map(([k, x]) => [k, typeof x === "object" ? x.toString() : x]))

const describe = (v: Verdict | undefined): string | undefined =>
  v === undefined ? undefined : `${v.status} ${v.code}${v.dueBy === undefined ? "" : ` (${v.dueBy})`}`

/** What changed between two verdicts under one key, or undefined when nothing did. */
export const kindOf = (before: Verdict | undefined, after: Verdict | undefined): ChangeKind | undefined => {
  const wasBlocked = before?.status === "blocked"
  const isBlocked = after?.status === "blocked"
  if (isBlocked && !wasBlocked) return "newly-blocked"
  if (wasBlocked && !isBlocked) return "no-longer-blocked"
  if (before === undefined || after === undefined) {
    const v = (before ?? after) as Verdict
    // A verdict that appears or goes away with a deadline moves the person's deadline.
    return v.dueBy !== undefined ? "new-due-date" : "other"
  }
  if (dueOf(before) !== dueOf(after)) return "new-due-date"
  if (citationsOf(before) !== citationsOf(after)) return "new-citation"
  if (before.status !== after.status || paramsOf(before) !== paramsOf(after)) return "other"
  return undefined
}

/** Keys verdicts by slot, code and occurrence (a step recorded twice has two verdicts of one code). */
const keyed = (vs: readonly KeyedVerdict[]): Map<string, KeyedVerdict> => {
  const out = new Map<string, KeyedVerdict>()
  for (const kv of vs) {
    const base = `${kv.slot}\u0000${kv.verdict.code}`
    let n = 0
    while (out.has(`${base}\u0000${n}`)) n++
    out.set(`${base}\u0000${n}`, kv)
  }
  return out
}

interface Tally {
  verdicts: number
  people: Set<string>
  sample: SampleChange[]
}

/**
 * Judges every person of `dataset` that the adapter has a case for under `before` and under `after`, and
 * lists every verdict that differs, grouped by rule and kind of change. Pure: nothing is saved; the two
 * versions may come from different builds of the package (see `buildAtRevision`).
 */
export const compareVersions = <V, C>(
  adapter: ImpactAdapter<V, C>,
  dataset: ImpactDataset,
  before: { readonly label: string; readonly version: V },
  after: { readonly label: string; readonly version: V },
  options: CompareOptions = {},
): ImpactReport => {
  const sampleSize = options.sample ?? 5
  const tallies = new Map<string, Tally>()
  const affected = new Set<string>()
  let people = 0
  let changedVerdicts = 0
  for (const person of dataset.people) {
    const c = adapter.caseOf(person, person.asOf ?? dataset.asOf)
    if (c === undefined) continue
    people++
    const b = keyed(adapter.evaluate(c, before.version))
    const a = keyed(adapter.evaluate(c, after.version))
    for (const key of new Set([...b.keys(), ...a.keys()])) {
      const bv = b.get(key)
      const av = a.get(key)
      const kind = kindOf(bv?.verdict, av?.verdict)
      if (kind === undefined) continue
      const slot = (av ?? bv)?.slot ?? ""
      const rule = ruleOf((av ?? bv)?.verdict.code ?? "")
      const tallyKey = `${rule}\u0000${kind}`
      let t = tallies.get(tallyKey)
      if (t === undefined) {
        t = { verdicts: 0, people: new Set(), sample: [] }
        tallies.set(tallyKey, t)
      }
      t.verdicts++
      changedVerdicts++
      affected.add(person.id)
      if (!t.people.has(person.id) && t.sample.length < sampleSize) {
        const beforeText = describe(bv?.verdict)
        const afterText = describe(av?.verdict)
        t.sample.push({
          name: maskName(person.name),
          idNumber: person.idNumber === undefined ? "" : maskIdNumber(person.idNumber),
          org: person.org ?? "",
          slot,
          ...(beforeText === undefined ? {} : { before: beforeText }),
          ...(afterText === undefined ? {} : { after: afterText }),
        })
      }
      t.people.add(person.id)
    }
  }
  const groups: ImpactGroup[] = [...tallies.entries()].map(([key, t]) => {
    const [rule = "", kind] = key.split("\u0000")
    return { rule, kind: kind as ChangeKind, verdicts: t.verdicts, people: t.people.size, sample: t.sample }
  })
  groups.sort((x, y) =>
    x.rule === y.rule ? changeKinds.indexOf(x.kind) - changeKinds.indexOf(y.kind) : x.rule < y.rule ? -1 : 1,
  )
  return {
    area: adapter.area,
    before: before.label,
    after: after.label,
    asOf: dataset.asOf,
    people,
    affectedPeople: affected.size,
    changedVerdicts,
    groups,
  }
}
