/**
 * Example data for the tests of this package and of everything above it (db, API, demo, browser tests): one
 * source, seeded, never exported from `.`. Uses core's one seeded PRNG.
 */
import type { PlainDate } from "@xianfeng/core"
import { int, mulberry32, pick } from "@xianfeng/core/testing"
import type { LedgerEvent } from "./ledger.js"
import { type CareCategory, careCategoryIds } from "./policy.js"

/**
 * A seeded history of ledger events over the `days` before `asOf`: entries opened, changed, confirmed and
 * closed in an order that always applies (closing only what is open), `seq` increasing.
 */
export const exampleLedgerEvents = (
  seed: number,
  count: number,
  asOf: PlainDate,
  days = 730,
): readonly LedgerEvent[] => {
  const rng = mulberry32(seed)
  const open: string[] = []
  const out: LedgerEvent[] = []
  let day = asOf.subtract({ days })
  for (let seq = 1; seq <= count; seq++) {
    day = day.add({ days: int(rng, 0, Math.max(1, Math.floor(days / count))) })
    const roll = int(rng, 0, 9)
    if (open.length === 0 || roll < 4) {
      const entryId = `e${seed}-${seq}`
      open.push(entryId)
      out.push({
        entryId,
        seq,
        kind: "opened",
        on: day,
        reason: "摸底新增",
        by: "secretary",
        category: pick(rng, careCategoryIds) as CareCategory,
        memberId: `m${int(rng, 1, 50)}`,
      })
    } else {
      const at = int(rng, 0, open.length - 1)
      const entryId = open[at] as string
      const kind = roll < 6 ? "changed" : roll < 8 ? "confirmed" : "closed"
      if (kind === "closed") open.splice(at, 1)
      out.push({ entryId, seq, kind, on: day, reason: "情况变化", by: "secretary" })
    }
  }
  return out
}
