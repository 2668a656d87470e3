import { sql } from "drizzle-orm"
import { Temporal } from "temporal-polyfill"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { writeDuesPayments } from "../src/care/dues.js"
import { appendLedgerEvents } from "../src/care/ledger.js"
import type { Database } from "../src/database.js"
import { insertOrg } from "../src/org-tree.js"
import { insertMember } from "../src/platform/members.js"
import { withScope } from "../src/platform/scope.js"
import { careDuesPayments, careLedgerEvents } from "../src/schema/index.js"
import { testVault, unwrap } from "./suite/context.js"
import { backends } from "./support/backends.js"

// The care tables' row-level security (migration care_row_level_security), as the API's role sees them: a ledger
// event belongs to its branch, a dues payment to its member's organization; the ledger is appended, never rewritten.

const day = (s: string) => Temporal.PlainDate.from(s)

const tree = async (owner: Database) => {
  await owner.db.transaction(async (tx) => {
    unwrap(await insertOrg(tx, { id: "k_d", kind: "district-committee", name: "区委" }))
    unwrap(await insertOrg(tx, { id: "k_c1", parentId: "k_d", kind: "township-committee", name: "一镇" }))
    unwrap(await insertOrg(tx, { id: "k_c2", parentId: "k_d", kind: "township-committee", name: "二镇" }))
    unwrap(await insertOrg(tx, { id: "k_b1", parentId: "k_c1", kind: "branch", name: "一支部" }))
    unwrap(await insertOrg(tx, { id: "k_b2", parentId: "k_c2", kind: "branch", name: "二支部" }))
    for (const orgId of ["k_b1", "k_b2"]) {
      const m = await insertMember(tx, testVault, {
        orgId,
        name: "李四",
        sex: "female",
        birthDate: day("1940-03-01"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "retired",
        stage: "full",
        admittedOn: day("1965-07-01"),
      })
      await appendLedgerEvents(tx, [
        {
          entryId: crypto.randomUUID(),
          orgId,
          memberId: m.id,
          kind: "opened",
          category: "difficulty",
          onDate: day("2026-01-10"),
          reason: "摸底",
          detail: "大病",
          recordedBy: null,
        },
      ])
      await writeDuesPayments(tx, [
        { memberId: m.id, month: "2026-01", amountFen: 2_000, paidOn: day("2026-01-10"), recordedBy: null },
      ])
    }
  })
}

const c1 = { orgId: "k_c1", orgPath: "k_d.k_c1" }

describe.each(backends)("care row-level security on $name", (backend) => {
  let app: Database | undefined
  const db = () => {
    if (app === undefined) throw new Error("database not open")
    return app.db
  }
  beforeAll(async () => {
    app = await backend.open({ role: "xianfeng_app", ownerSetup: tree })
  })
  afterAll(async () => {
    await app?.close()
  })

  it("shows a scoped transaction its subtree's ledger events and dues only, without a condition in the query", async () => {
    const events = await withScope(db(), c1, (tx) =>
      tx.select({ orgId: careLedgerEvents.orgId }).from(careLedgerEvents),
    )
    expect(events).toEqual([{ orgId: "k_b1" }])
    const payments = await withScope(db(), c1, (tx) =>
      tx.select({ id: careDuesPayments.id }).from(careDuesPayments),
    )
    expect(payments).toHaveLength(1)
    expect(await db().select({ seq: careLedgerEvents.seq }).from(careLedgerEvents)).toEqual([])
  })

  it("never lets the API's role rewrite or delete a ledger event", async () => {
    for (const statement of [
      sql`update care_ledger_events set reason = '改写'`,
      sql`delete from care_ledger_events`,
    ]) {
      let message = "not refused"
      try {
        await withScope(db(), c1, (tx) => tx.execute(statement))
      } catch (e) {
        message = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e)
      }
      expect(message).toMatch(/permission denied/)
    }
  })
})
