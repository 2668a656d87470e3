/**
 * Example data for the tests of this package and of everything above it (db, API, demo, browser tests): one
 * source, seeded, never exported from `.`. Uses core's one seeded PRNG.
 */
import { int, mulberry32, pick } from "@xianfeng/core/testing"
import type { Participant, PeerRating } from "./democratic.js"
import { type Grade, grades } from "./grades.js"

/** `n` participants `m1`…`mn`, the last `probationary` of them probationary. */
export const exampleParticipants = (n: number, probationary = 0): readonly Participant[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `m${i + 1}`,
    stage: i >= n - probationary ? "probationary" : "full",
  }))

/**
 * Every participant rates every other, mostly "qualified" with some "excellent", the same for the same seed.
 * `bias` lists members who receive mostly "excellent".
 */
export const exampleRatings = (
  seed: number,
  participants: readonly Participant[],
  bias: readonly string[] = [],
): readonly PeerRating[] => {
  const rng = mulberry32(seed)
  const out: PeerRating[] = []
  for (const rater of participants)
    for (const ratee of participants) {
      if (rater.id === ratee.id) continue
      const good = bias.includes(ratee.id)
      const grade: Grade = good
        ? int(rng, 0, 9) < 9
          ? "excellent"
          : "qualified"
        : pick(rng, ["qualified", "qualified", "qualified", "excellent", "basic"] as const)
      out.push({ raterId: rater.id, rateeId: ratee.id, grade })
    }
  return out
}

export { grades }
