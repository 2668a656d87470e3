/**
 * Fallback for the 1,000,000-member load. `loadDemoDistrict` stops at the first duplicate member id (the demo
 * generator seeds each member's PRNG with a 32-bit hash, so a million members give about a hundred seed
 * collisions). This continues from where it stopped with the same generator, rows (`memberRow`) and batches,
 * skipping rows whose keys already exist (`on conflict do nothing`), and counts what it skipped.
 */
import {
  type Database,
  developmentRecords,
  generateDemoDistrict,
  type IdVault,
  memberRow,
  members,
} from "@xianfeng/db"
import { sql } from "drizzle-orm"

export const continueMemberLoad = async (
  database: Database,
  opts: { seed: number; members: number; vault: IdVault },
): Promise<{ inserted: number; skipped: number }> => {
  const { db } = database
  const district = generateDemoDistrict({ seed: opts.seed, members: opts.members })
  let inserted = 0
  let skipped = 0
  let pending: ReturnType<typeof district.memberBatches> extends Iterable<infer B> ? B[] : never = []
  const flush = async () => {
    const batches = pending
    pending = []
    await db.transaction(async (tx) => {
      for (const batch of batches) {
        const rows = await tx
          .insert(members)
          .values(batch.map(({ development: _d, developmentProblem: _p, ...m }) => memberRow(opts.vault, m)))
          .onConflictDoNothing()
          .returning({ id: members.id })
        inserted += rows.length
        const fresh = new Set(rows.map((r) => r.id))
        skipped += batch.length - rows.length
        const records = batch
          .filter((m) => fresh.has(m.id))
          .flatMap((m) =>
            m.development.map((r) => ({
              id: r.id,
              member_id: m.id,
              step: r.step,
              on_date: r.onDate.toString(),
              evidence: r.evidence,
            })),
          )
        if (records.length > 0) {
          await tx.execute(sql`insert into ${developmentRecords} (id, member_id, step, on_date, evidence)
            select id, member_id, step, on_date, evidence
            from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
              as r(id uuid, member_id uuid, step text, on_date date, evidence jsonb)
            on conflict do nothing`)
        }
      }
    })
  }
  for (const batch of district.memberBatches(1_000)) {
    pending.push(batch)
    if (pending.length >= 10) await flush()
  }
  if (pending.length > 0) await flush()
  return { inserted, skipped }
}
