import { createHash } from "node:crypto"
/**
 * A small seeded PRNG (mulberry32) and the draws the generator needs. The demo district must come out
 * the same for the same seed on every machine, so nothing here reads Math.random or the clock.
 */
export type Rng = () => number

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

/** A 32-bit hash of a seed and a stream label (FNV-1a, then a murmur3 finalizer). */
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

/** An integer in [min, max]. */
export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1))

export const pick = <A>(rng: Rng, items: readonly A[]): A => {
  const item = items[Math.floor(rng() * items.length)]
  if (item === undefined) throw new RangeError("pick from an empty list")
  return item
}

/** Picks a key with probability proportional to its weight. */
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

/**
 * A version-4-shaped UUID drawn from the PRNG, so demo ids are stable too. With `serial`, its last 48 bits
 * are the serial: two PRNG streams that happen to share a 32-bit seed (about a hundred pairs in a million
 * members) still give different ids.
 */
export const uuidFrom = (rng: Rng, serial?: number): string => {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(rng() * 4294967296)
      .toString(16)
      .padStart(8, "0"),
  ).join("")
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16)
  const tail = serial === undefined ? hex.slice(20, 32) : serial.toString(16).padStart(12, "0").slice(-12)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${tail}`
}

/** A version-4-shaped UUID that is a hash of `key`: unique for unique keys (SHA-256, not a 32-bit seed). */
export const uuidOf = (key: string): string => {
  const hex = createHash("sha256").update(key).digest("hex")
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
