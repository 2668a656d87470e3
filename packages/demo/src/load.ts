import type { PlainDate } from "@xianfeng/core"
import {
  appendAudit,
  type Database,
  hasNoOrganizations,
  type IdVault,
  lockForDistrictLoad,
  streamBulkWritesByCopy,
  type XfDb,
} from "@xianfeng/db"
import type { DemoWrite } from "./contributor.js"
import { contributors } from "./contributors.js"
import { contextOf, generateDemoDistrict } from "./district.js"
import type { DemoMember } from "./member.js"
import { DEMO_PASSWORD } from "./platform/users.js"

/** True when no organization exists yet: the moment to offer (or load) the demo district. */
export const isEmpty = (db: XfDb): Promise<boolean> => hasNoOrganizations(db)

export interface LoadDemoOptions {
  readonly seed: number | string
  readonly members?: number
  /** Size the organization tree as for this many members (default `members`); see `generateDemoDistrict`. */
  readonly treeMembers?: number
  /** The day the district is as of (the API passes today in Asia/Shanghai); see `generateDemoDistrict`. */
  readonly asOf: PlainDate
  readonly vault: IdVault
  /** The API's password hash (argon2id); called once with DEMO_PASSWORD for all demo logins. */
  readonly hashPassword: (password: string) => Promise<string>
  /** Rows per INSERT (default 1,000: 24 columns stay far below the 65,535 parameters limit). */
  readonly batchSize?: number
  /** INSERTs per transaction (default 10). */
  readonly batchesPerTransaction?: number
  /**
   * Stream the bulk rows (roll calls, dues, class attendance, online study …) with COPY instead of multi-row
   * INSERTs: the same rows, several times faster. Default: on PostgreSQL yes, on PGlite no (PGlite keeps INSERTs).
   * The load runs as the owner, whom row-level security does not bind (COPY FROM refuses tables under RLS).
   */
  readonly copy?: boolean
  /**
   * Told when the member batches start (`loaded` 0) and after each transaction of batches, so a long load can
   * show its progress. Called with how many of `total` members are written.
   */
  readonly onProgress?: (progress: { readonly loaded: number; readonly total: number }) => void
}

/**
 * A progress reporter for `LoadDemoOptions.onProgress` that prints a line at the start (what, and roughly how
 * long at `membersPerSecond`) and one at about every tenth through `print` (e.g. `console.error`).
 */
export const demoLoadProgress = (
  print: (line: string) => void,
  what: string,
  membersPerSecond: number,
): ((progress: { readonly loaded: number; readonly total: number }) => void) => {
  const started = performance.now()
  let next = 0.1
  return ({ loaded, total }) => {
    if (loaded === 0) {
      const s = Math.max(1, Math.round(total / membersPerSecond))
      print(
        `loading ${what}: ${total.toLocaleString("en-US")} members, about ${s < 120 ? `${s} s` : `${Math.round(s / 60)} min`} …`,
      )
      return
    }
    if (total === 0 || loaded / total + 1e-9 < next) return
    while (next <= loaded / total + 1e-9) next += 0.1
    const secs = (performance.now() - started) / 1000
    print(
      `loading ${what}: ${Math.round((100 * loaded) / total)}% (${loaded.toLocaleString("en-US")} members, ${secs.toFixed(0)} s)`,
    )
  }
}

export interface LoadDemoResult {
  /** False when the database already held organizations; nothing was written then. */
  readonly loaded: boolean
  readonly orgs: number
  readonly users: number
  readonly members: number
}

/**
 * Loads the demo district into an empty database: every contributor's setup (orgs, users, settings) in one
 * transaction, then members in batches of multi-row INSERTs, several per transaction, each contributor writing
 * its rows for the batch, so memory stays flat at a million members. Does nothing when the database is not
 * empty, so it is safe to call on every start. Ends with one `demo.load` audit row counting what was written.
 */
export const loadDemoDistrict = async (
  database: Database,
  options: LoadDemoOptions,
): Promise<LoadDemoResult> => {
  const { db } = database
  const district = generateDemoDistrict({
    seed: options.seed,
    asOf: options.asOf,
    ...(options.members === undefined ? {} : { members: options.members }),
    ...(options.treeMembers === undefined ? {} : { treeMembers: options.treeMembers }),
  })
  const context = contextOf(district)
  const batchSize = options.batchSize ?? 1_000
  const perTx = options.batchesPerTransaction ?? 10
  const copy = options.copy ?? database.driver === "postgres"
  const total = district.memberCount
  const write: DemoWrite = { vault: options.vault, passwordHash: await options.hashPassword(DEMO_PASSWORD) }
  const started = await db.transaction(async (tx) => {
    // Two starts at once against one server: the second waits here, then finds the district loaded.
    await lockForDistrictLoad(tx)
    if (!(await isEmpty(tx))) return false
    if (copy) streamBulkWritesByCopy(tx)
    for (const c of contributors) await c.setup?.(tx, context, write)
    return true
  })
  if (!started) return { loaded: false, orgs: 0, users: 0, members: 0 }

  let loaded = 0
  const written: Record<string, number> = {}
  let pending: DemoMember[][] = []
  const flush = async () => {
    const batches = pending
    pending = []
    await db.transaction(async (tx) => {
      if (copy) streamBulkWritesByCopy(tx)
      for (const batch of batches) {
        for (const c of contributors) {
          const counts = (await c.rows?.(tx, batch, write)) ?? {}
          for (const [kind, n] of Object.entries(counts)) written[kind] = (written[kind] ?? 0) + n
        }
      }
    })
    options.onProgress?.({ loaded, total })
  }
  options.onProgress?.({ loaded: 0, total })
  for (const batch of district.memberBatches(batchSize)) {
    pending.push(batch)
    loaded += batch.length
    if (pending.length >= perTx) await flush()
  }
  if (pending.length > 0) await flush()
  await db.transaction(async (tx) => {
    for (const c of contributors) {
      const counts = (await c.finish?.(tx, context, write)) ?? {}
      for (const [kind, n] of Object.entries(counts)) written[kind] = (written[kind] ?? 0) + n
    }
  })
  await db.transaction((tx) =>
    appendAudit(tx, {
      action: "demo.load",
      objectType: "district",
      objectId: "d1",
      result: "ok",
      details: {
        seed: String(options.seed),
        asOf: options.asOf.toString(),
        orgs: district.orgs.length,
        ...written,
      },
    }),
  )
  return { loaded: true, orgs: district.orgs.length, users: district.users.length, members: loaded }
}
