import { isOnOrAfter, type PlainDate } from "@xianfeng/core"
import { type Cadence, periodContaining, previousPeriod } from "./calendar-period.js"
import { fnv1a32, uniformBelow } from "./internal/hash.js"

/**
 * 随机抽查: a reproducible random draw of organizations to inspect. The seed is published with the result;
 * the seed, the candidates and the options determine the sample, so anyone can re-run it.
 *
 * Algorithm `xf-draw-1`:
 * 1. Drop the candidates checked within the last `excludeCheckedWithin.count` periods of its cadence (the
 *    current period counts as one), and repeated ids.
 * 2. Sort the rest by id (code-unit order), so the order they were listed in does not matter.
 * 3. Split them into strata: by `committeeId` when `stratify` is set, otherwise one stratum `*`. Strata are
 *    taken in id order. The sample size is shared by largest remainder, proportional to each stratum's size
 *    (ties to the stratum first in id order), never more than a stratum holds.
 * 4. In each stratum, a partial Fisher–Yates shuffle takes its share: for i = 0, 1, …, swap item i with item
 *    i + r, r uniform in [0, n − i). Uniform integers come, by rejection, from the 32-bit stream of the key
 *    `"<seed>\u0000<stratum>"`: word k = fmix32(fnv1a32(key) ⊕ fmix32(k + 1)) (FNV-1a 32 over UTF-8; murmur3's
 *    fmix32).
 * Within a stratum every subset of its size is equally likely, so each candidate is drawn with probability
 * share ÷ stratum size.
 */
export const DRAW_ALGORITHM = "xf-draw-1"

export interface DrawCandidate {
  readonly id: string
  /** The committee the organization belongs to (for stratifying). */
  readonly committeeId?: string
  /** When it was last inspected, if ever. */
  readonly lastChecked?: PlainDate
}

export interface DrawOptions {
  readonly seed: string
  readonly size: number
  readonly stratify?: boolean
  /** Leave out organizations inspected in the current period or the `count − 1` before it. */
  readonly excludeCheckedWithin?: { readonly count: number; readonly cadence: Cadence }
  /** The day of the draw (for `excludeCheckedWithin`). */
  readonly asOf: PlainDate
}

export interface DrawResult {
  readonly algorithm: typeof DRAW_ALGORITHM
  readonly seed: string
  /** The ids drawn, by stratum in id order, each stratum in draw order. */
  readonly sample: readonly string[]
  /** The candidates that could be drawn, sorted by id. */
  readonly eligible: readonly string[]
  /** The candidates left out as recently inspected. */
  readonly excluded: readonly string[]
  /** How many each stratum held and gave. */
  readonly strata: readonly { readonly stratum: string; readonly size: number; readonly drawn: number }[]
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const shares = (sizes: readonly number[], total: number): readonly number[] => {
  const all = sizes.reduce((a, b) => a + b, 0)
  const want = Math.min(total, all)
  if (all === 0) return sizes.map(() => 0)
  const exact = sizes.map((s) => (s * want) / all)
  const base = exact.map(Math.floor)
  let left = want - base.reduce((a, b) => a + b, 0)
  const order = exact
    .map((x, i) => ({ i, rem: x - Math.floor(x) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i)
  for (const { i } of order) {
    if (left === 0) break
    if ((base[i] ?? 0) < (sizes[i] ?? 0)) {
      base[i] = (base[i] ?? 0) + 1
      left--
    }
  }
  return base
}

/** Runs algorithm `xf-draw-1` (above). Pure: the same inputs give the same result on every machine. */
export const drawSample = (candidates: readonly DrawCandidate[], options: DrawOptions): DrawResult => {
  const seen = new Set<string>()
  const unique = [...candidates]
    .sort((a, b) => byId(a.id, b.id))
    .filter((c) => !seen.has(c.id) && seen.add(c.id))
  let since: PlainDate | undefined
  if (options.excludeCheckedWithin && options.excludeCheckedWithin.count > 0) {
    let p = periodContaining(options.excludeCheckedWithin.cadence, options.asOf)
    for (let i = 1; i < options.excludeCheckedWithin.count; i++) p = previousPeriod(p)
    since = p.start
  }
  const recent = (c: DrawCandidate) =>
    since !== undefined && c.lastChecked !== undefined && isOnOrAfter(c.lastChecked, since)
  const eligible = unique.filter((c) => !recent(c))
  const groups = new Map<string, string[]>()
  for (const c of eligible) {
    const key = options.stratify ? (c.committeeId ?? "") : "*"
    groups.set(key, [...(groups.get(key) ?? []), c.id])
  }
  const keys = [...groups.keys()].sort(byId)
  const take = shares(
    keys.map((k) => groups.get(k)?.length ?? 0),
    Math.max(0, Math.floor(options.size)),
  )
  const sample: string[] = []
  const strata = keys.map((stratum, s) => {
    const items = [...(groups.get(stratum) ?? [])]
    const n = take[s] ?? 0
    const keyHash = fnv1a32(`${options.seed}\u0000${stratum}`)
    const counter = { k: 0 }
    for (let i = 0; i < n; i++) {
      const j = i + uniformBelow(keyHash, counter, items.length - i)
      const t = items[i] as string
      items[i] = items[j] as string
      items[j] = t
    }
    sample.push(...items.slice(0, n))
    return { stratum, size: items.length, drawn: n }
  })
  return {
    algorithm: DRAW_ALGORITHM,
    seed: options.seed,
    sample,
    eligible: eligible.map((c) => c.id),
    excluded: unique.filter(recent).map((c) => c.id),
    strata,
  }
}
