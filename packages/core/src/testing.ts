/**
 * `@xianfeng/core/testing`: the one seeded PRNG of Xianfeng's example data (test fixtures, the benchmark,
 * the demo district). Example data must come out the same for the same seed on every machine, so nothing
 * here reads Math.random or the clock. Not part of the rules' API: the `.` entry does not export it.
 */

/** A stream of numbers in [0, 1). */
export type Rng = () => number

/** mulberry32: a small, fast 32-bit PRNG; the same `seed` gives the same stream everywhere. */
export const mulberry32 = (seed: number): Rng => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A 32-bit hash of a seed and stream labels (FNV-1a, then a murmur3 finalizer), to split one seed in streams. */
export const hashSeed = (...parts: readonly (string | number)[]): number => {
  let h = 0x811c9dc5
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0) ?? 0
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** An integer in [min, max], both included. */
export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1))

/** One of `items`, each as likely; a RangeError for an empty list. */
export const pick = <A>(rng: Rng, items: readonly A[]): A => {
  const item = items[Math.floor(rng() * items.length)]
  if (item === undefined) throw new RangeError("pick from an empty list")
  return item
}

/** A key with probability proportional to its weight; a RangeError for an empty table. */
export const weighted = <K extends string>(rng: Rng, table: readonly (readonly [K, number])[]): K => {
  let total = 0
  for (const [, w] of table) total += w
  let x = rng() * total
  for (const [k, w] of table) {
    x -= w
    if (x < 0) return k
  }
  const last = table[table.length - 1]
  if (last === undefined) throw new RangeError("weighted pick from an empty table")
  return last[0]
}
