/**
 * What row-level security costs (small mode only): the API's scoped read queries on an embedded PGlite demo
 * district, run in `withScope` as `xianfeng_app` (the policies of migration 0004 evaluated on every row) against
 * the same queries in the same transactions as the owner (policies not applied), alternating rounds in one run.
 */
import {
  listMembersInScope,
  memberInScope,
  members,
  orgs,
  type Scope,
  stageCountsInScope,
  withScope,
  type XfDb,
} from "@xianfeng/db"
import { eq, sql } from "drizzle-orm"
import { type BenchContext, log } from "../context.js"
import { demoInMemory } from "../demo-memory.js"
import type { Row } from "../report.js"

const ROUNDS = 6

/** The row for the subtree section, and a note saying how it was measured. */
export interface RlsRun {
  readonly row: Row
  readonly note: string
}

export const rlsScenario = async ({ cfg }: BenchContext): Promise<RlsRun> => {
  log("row-level security: the demo district in PGlite")
  const database = await demoInMemory(cfg)
  try {
    const db = database.db
    const [committee] = await db
      .select({ orgId: orgs.id, orgPath: orgs.path })
      .from(orgs)
      .where(eq(orgs.kind, "township-committee"))
      .limit(1)
    if (committee === undefined) throw new Error("the demo district has no township committee")
    const scope: Scope = committee
    const ids = (
      await db
        .select({ id: members.id })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(sql`${orgs.path} like ${`${scope.orgPath}.%`}`)
        .limit(20)
    ).map((m) => m.id)
    const work = (tx: XfDb) => async () => {
      await stageCountsInScope(tx, scope, scope.orgPath)
      await listMembersInScope(tx, scope, { page: 1, pageSize: 50 })
      await listMembersInScope(tx, scope, { page: 3, pageSize: 50, q: "zh" })
      for (const id of ids) await memberInScope(tx, scope, id)
    }
    const once = async () => {
      const t = performance.now()
      await withScope(db, scope, (tx) => work(tx as unknown as XfDb)())
      return performance.now() - t
    }
    // Both sides see the same rows: the policies admit what the query's own condition admits.
    const asOwner = await withScope(db, scope, (tx) =>
      listMembersInScope(tx as unknown as XfDb, scope, { page: 1, pageSize: 50 }),
    )
    await db.execute(sql`set role xianfeng_app`)
    const asApp = await withScope(db, scope, (tx) =>
      listMembersInScope(tx as unknown as XfDb, scope, { page: 1, pageSize: 50 }),
    )
    await db.execute(sql`reset role`)
    if (asOwner.total !== asApp.total)
      throw new Error(`RLS changed the answer: ${asOwner.total} vs ${asApp.total}`)
    let owner = 0
    let app = 0
    await once() // warm-up, not counted
    for (let round = 0; round < ROUNDS; round++) {
      owner += await once()
      await db.execute(sql`set role xianfeng_app`)
      try {
        app += await once()
      } finally {
        await db.execute(sql`reset role`)
      }
    }
    const per = (ms: number) => ms / ROUNDS
    return {
      row: {
        metric: "scoped read transaction under row-level security",
        baselineLabel: "the same transaction as the owner",
        baseline: per(owner),
        measured: per(app),
        unit: "ms",
        ratio: per(app) / per(owner),
        target: "reported only",
        pass: null,
        detail: `${ids.length} member loads, two member pages and the stage counts of ${scope.orgPath}`,
      },
      note: `Row-level security (small mode only): ${cfg.demoMembers.toLocaleString("en-US")} members on embedded PGlite; one scoped transaction per round (a township committee's stage counts, two member pages, ${ids.length} member loads), ${ROUNDS} rounds as \`xianfeng_app\` (the policies of migration 0004 applied) alternating with ${ROUNDS} as the owner (not applied); mean of each.`,
    }
  } finally {
    await database.close()
  }
}
