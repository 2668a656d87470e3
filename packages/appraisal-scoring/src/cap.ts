/** A share as a fraction of whole numbers: `{ numerator: 1, denominator: 3 }` is one third. */
export interface Share {
  readonly numerator: number
  readonly denominator: number
}

export type Rounding = "floor" | "round" | "ceil"

/**
 * How many of `count` may hold a capped grade: `count × share`, rounded as the policy says, in whole-number
 * arithmetic (no floating point). `round` rounds halves up. Never more than `count`, never negative.
 * Of 10 graded members with a one-third cap: floor → 3, round → 3, ceil → 4.
 */
export const capOf = (count: number, share: Share, rounding: Rounding): number => {
  const n = Math.max(0, Math.trunc(count))
  const top = n * share.numerator
  const d = share.denominator
  const raw =
    rounding === "floor"
      ? Math.floor(top / d)
      : rounding === "ceil"
        ? Math.ceil(top / d)
        : Math.floor((2 * top + d) / (2 * d))
  return Math.min(n, Math.max(0, raw))
}

/** One candidate for a capped grade, ranked by `score` then `tieBreak` (both: higher is better). */
export interface Candidate {
  readonly id: string
  readonly score: number
  readonly tieBreak: number
}

/**
 * Applies a cap to candidates. Ranked by score, then by the tie-break, best first. When the candidates at the
 * boundary cannot all fit (equal score and tie-break across the cut), none of that tied group keeps the grade:
 * the cap is never exceeded and no one is preferred by the order the data came in. Returns who keeps it, who
 * was tied at the boundary and who fell outside the cap.
 */
export const applyCap = (
  candidates: readonly Candidate[],
  cap: number,
): {
  readonly kept: readonly string[]
  readonly tied: readonly string[]
  readonly over: readonly string[]
} => {
  if (candidates.length <= cap) return { kept: candidates.map((c) => c.id), tied: [], over: [] }
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || b.tieBreak - a.tieBreak || (a.id < b.id ? -1 : 1),
  )
  const boundary = ranked[cap]
  const same = (c: Candidate) =>
    boundary !== undefined && c.score === boundary.score && c.tieBreak === boundary.tieBreak
  const straddles = ranked.slice(0, cap).some(same)
  const kept: string[] = []
  const tied: string[] = []
  const over: string[] = []
  ranked.forEach((c, i) => {
    if (straddles && same(c)) tied.push(c.id)
    else if (i < cap) kept.push(c.id)
    else over.push(c.id)
  })
  return { kept, tied, over }
}
