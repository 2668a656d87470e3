import { type CareCategory, careCategoryIds, type LedgerEvent, ledgerAsOf } from "@xianfeng/care-ledger"
import { date, type PlainDate } from "@xianfeng/core"
import { Result } from "effect"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Database, ledgerCountsInScope, loadLedgerEvents, type NewLedgerEvent } from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { insertOrgs } from "./support/orgs.js"

/** One step of an entry's history after its opening; made valid against the entry's state by `historyOf`. */
type Step =
  | { readonly op: "changed"; readonly category: CareCategory | null; readonly gap: number }
  | { readonly op: "confirmed"; readonly gap: number }
  | { readonly op: "closed"; readonly gap: number }

const category = fc.constantFrom(...careCategoryIds)
const gap = fc.integer({ min: 0, max: 60 })
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("changed" as const), category: fc.option(category, { nil: null }), gap }),
  fc.record({ op: fc.constant("confirmed" as const), gap }),
  fc.record({ op: fc.constant("closed" as const), gap }),
)
const entry = fc.record({
  branch: fc.constantFrom(0, 1),
  start: fc.integer({ min: 0, max: 500 }),
  category,
  steps: fc.array(step, { maxLength: 6 }),
})

type Entry = typeof entry extends fc.Arbitrary<infer T> ? T : never

const day0 = date("2025-01-01")

/**
 * An entry's events in the order they happened, each valid where it stands: opened first; a step after a closing
 * opens the entry again (with the step's category, or the first one); days never go back, and several may fall on
 * one day (then the order recorded, `seq`, decides).
 */
const historyOf = (e: Entry, entryId: string, orgId: string) => {
  let on = day0.add({ days: e.start })
  let open = true
  const events: { kind: LedgerEvent["kind"]; category: CareCategory | null; on: PlainDate }[] = [
    { kind: "opened", category: e.category, on },
  ]
  for (const s of e.steps) {
    on = on.add({ days: s.gap })
    if (!open) {
      events.push({
        kind: "opened",
        category: s.op === "changed" ? (s.category ?? e.category) : e.category,
        on,
      })
      open = true
    } else if (s.op === "closed") {
      events.push({ kind: "closed", category: null, on })
      open = false
    } else events.push({ kind: s.op, category: s.op === "changed" ? s.category : null, on })
  }
  return events.map(
    (x): NewLedgerEvent => ({
      entryId,
      orgId,
      personName: "家属",
      kind: x.kind,
      category: x.category,
      onDate: x.on,
      reason: "摸底",
      recordedBy: null,
      recordedAt: new Date("2026-11-30T02:00:00Z"),
    }),
  )
}

/** What the replay (`ledgerAsOf` of @xianfeng/care-ledger) counts per category. */
const replayed = (events: readonly NewLedgerEvent[], seqs: readonly number[], asOf: PlainDate) => {
  const ledger = Result.getOrThrow(
    ledgerAsOf(
      events.map((e, i) => ({
        entryId: e.entryId,
        seq: seqs[i] as number,
        kind: e.kind,
        on: e.onDate,
        reason: e.reason,
        by: "",
        ...(e.category == null ? {} : { category: e.category }),
      })),
      asOf,
    ),
  )
  const counts = new Map<CareCategory, number>()
  for (const x of ledger.values()) counts.set(x.category, (counts.get(x.category) ?? 0) + 1)
  return counts
}

const sorted = (m: ReadonlyMap<CareCategory, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1))

// The dashboard's counts are taken in SQL from each entry's last events; the replay is the ledger's own reading.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_care_counts"))("$name", (backend) => {
  let database: Database
  beforeAll(async () => {
    database = await backend.open()
    await insertOrgs(database.db, [{ id: "d1", kind: "district-committee", name: "区委" }])
  })
  afterAll(async () => {
    await database.close()
  })

  it("ledgerCountsInScope counts what the replay counts, on any day, in a committee and in the whole tree", async () => {
    let run = 0
    // Every run's events stay: the whole tree's counts are checked against the replay of all of them.
    const all: NewLedgerEvent[] = []
    const allSeqs: number[] = []
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: -10, max: 900 }), { minLength: 1, maxLength: 4 }),
        async (entries, asOfDays) => {
          run += 1
          const committee = `cc${run}`
          const branches = [`cb${run}a`, `cb${run}b`]
          await insertOrgs(database.db, [
            { id: committee, parentId: "d1", kind: "party-committee", name: `党委${run}` },
            { id: branches[0] as string, parentId: committee, kind: "branch", name: `支部${run}甲` },
            { id: branches[1] as string, parentId: committee, kind: "branch", name: `支部${run}乙` },
          ])
          const histories = entries.map((e) =>
            historyOf(e, crypto.randomUUID(), branches[e.branch] as string),
          )
          // Interleaved across entries as a district records them, each entry's events in their own order.
          const events: NewLedgerEvent[] = []
          for (let i = 0; histories.some((h) => i < h.length); i++)
            for (const h of histories) if (i < h.length) events.push(h[i] as NewLedgerEvent)
          await loadLedgerEvents(database.db, events)
          const first = allSeqs.length === 0 ? 1 : (allSeqs.at(-1) as number) + 1
          const seqs = events.map((_, i) => first + i)
          all.push(...events)
          allSeqs.push(...seqs)
          for (const d of asOfDays) {
            const asOf = day0.add({ days: d })
            const scope = { orgId: committee, orgPath: `d1.${committee}` }
            expect(sorted(await ledgerCountsInScope(database.db, scope, asOf))).toEqual(
              sorted(replayed(events, seqs, asOf)),
            )
            const oneBranch = { orgId: branches[0] as string, orgPath: `d1.${committee}.${branches[0]}` }
            const inBranch = events
              .map((e, i) => [e, seqs[i] as number] as const)
              .filter(([e]) => e.orgId === branches[0])
            expect(sorted(await ledgerCountsInScope(database.db, oneBranch, asOf))).toEqual(
              sorted(
                replayed(
                  inBranch.map(([e]) => e),
                  inBranch.map(([, s]) => s),
                  asOf,
                ),
              ),
            )
            expect(
              sorted(await ledgerCountsInScope(database.db, { orgId: "d1", orgPath: "d1" }, asOf)),
            ).toEqual(sorted(replayed(all, allSeqs, asOf)))
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})
