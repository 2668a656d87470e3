import { demoDistrictOverlay } from "@xianfeng/development-rules"
import { count, sql } from "drizzle-orm"
import { appendAudit } from "../audit.js"
import type { Database, XfDb } from "../database.js"
import { saveDevelopmentPolicy } from "../development.js"
import type { IdVault } from "../id-vault.js"
import { memberRow } from "../platform/members.js"
import { developmentRecords, members, orgs, users } from "../schema/index.js"
import { DEMO_PASSWORD, generateDemoDistrict } from "./district.js"
import type { DemoMember } from "./members.js"

/** True when no organization exists yet: the moment to offer (or load) the demo district. */
export const isEmpty = async (db: XfDb): Promise<boolean> => {
  const [row] = await db.select({ n: count() }).from(orgs)
  return (row?.n ?? 0) === 0
}

export interface LoadDemoOptions {
  readonly seed: number | string
  readonly members?: number
  readonly vault: IdVault
  /** The API's password hash (argon2id); called once per demo login with DEMO_PASSWORD. */
  readonly hashPassword: (password: string) => Promise<string>
  /** Rows per INSERT (default 1,000: 24 columns stay far below the 65,535 parameters limit). */
  readonly batchSize?: number
  /** INSERTs per transaction (default 10). */
  readonly batchesPerTransaction?: number
}

export interface LoadDemoResult {
  /** False when the database already held organizations; nothing was written then. */
  readonly loaded: boolean
  readonly orgs: number
  readonly users: number
  readonly members: number
}

/**
 * Loads the demo district into an empty database: orgs and users in one transaction, then members in
 * batched multi-row INSERTs, several per transaction, so memory stays flat at a million members. Does
 * nothing when the database is not empty, so it is safe to call on every start.
 */
export const loadDemoDistrict = async (
  database: Database,
  options: LoadDemoOptions,
): Promise<LoadDemoResult> => {
  const { db } = database
  const district = generateDemoDistrict({
    seed: options.seed,
    ...(options.members === undefined ? {} : { members: options.members }),
  })
  const batchSize = options.batchSize ?? 1_000
  const perTx = options.batchesPerTransaction ?? 10
  const passwordHash = await options.hashPassword(DEMO_PASSWORD)
  const started = await db.transaction(async (tx) => {
    // Two starts at once against one server: the second waits here, then finds the district loaded.
    await tx.execute(sql`lock table ${orgs} in exclusive mode`)
    if (!(await isEmpty(tx))) return false
    await tx.insert(orgs).values(district.orgs.map(({ profile: _p, weight: _w, ...o }) => o))
    await tx.insert(users).values(district.users.map((u) => ({ ...u, passwordHash })))
    // The demo district runs its own development settings (three-level pre-review, longer training…).
    await saveDevelopmentPolicy(tx, "d1", { ...demoDistrictOverlay })
    return true
  })
  if (!started) return { loaded: false, orgs: 0, users: 0, members: 0 }

  let loaded = 0
  let records = 0
  let pending: DemoMember[][] = []
  const flush = async () => {
    const batches = pending
    pending = []
    await db.transaction(async (tx) => {
      for (const batch of batches) {
        await tx
          .insert(members)
          .values(
            batch.map(({ development: _d, developmentProblem: _p, ...m }) => memberRow(options.vault, m)),
          )
        // Development records after their members: one JSON parameter per batch, unpacked by the server
        // (building a statement of 5 parameters a row costs more than the insert itself).
        const rows = batch.flatMap((m) =>
          m.development.map((r) => ({
            id: r.id,
            member_id: m.id,
            step: r.step,
            on_date: r.onDate.toString(),
            evidence: r.evidence,
          })),
        )
        if (rows.length > 0) {
          await tx.execute(sql`insert into ${developmentRecords} (id, member_id, step, on_date, evidence)
            select id, member_id, step, on_date, evidence
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(id uuid, member_id uuid, step text, on_date date, evidence jsonb)`)
        }
        records += rows.length
      }
    })
  }
  for (const batch of district.memberBatches(batchSize)) {
    pending.push(batch)
    loaded += batch.length
    if (pending.length >= perTx) await flush()
  }
  if (pending.length > 0) await flush()
  await db.transaction((tx) =>
    appendAudit(tx, {
      action: "demo.load",
      objectType: "district",
      objectId: "d1",
      result: "ok",
      details: {
        seed: String(options.seed),
        orgs: district.orgs.length,
        members: loaded,
        developmentRecords: records,
      },
    }),
  )
  return { loaded: true, orgs: district.orgs.length, users: district.users.length, members: loaded }
}
