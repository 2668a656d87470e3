import { date } from "@xianfeng/core"
import {
  asSystem,
  careDuesPayments,
  type DuesCollection,
  duesCollectionComputedOf,
  duesCollectionOf,
  members,
  moveOrg,
  rowsOf,
  type Scope,
  withScope,
  writeDuesAssessments,
  writeDuesPayments,
  writeDuesReductions,
  type XfDb,
  type XfTx,
} from "@xianfeng/db"
import { eq, sql } from "drizzle-orm"
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { backends, useDemo } from "./support.js"

// The month's dues collection (党费收缴, the agenda's care.dues entries) is read from the stored collections of the
// scope's organizations (care_dues_collections), each checked against its organization's dues stamp, which the
// dues triggers bump with every assessment, payment, reduction and change of a member's place on the roll. Here
// the stored answer is compared with the full aggregate for every organization of the demo district and every
// month of 2026, and after each kind of write in several scopes; each read also says how many (organization,
// month) pairs it computed, so a second read must compute none and a write exactly its organizations' months.
// The test clock stands at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("The stored dues collections on %s", (backend) => {
  const demo = useDemo(backend, { logins: [] })
  const db = (): XfDb => demo.sys.deps.db
  const year = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`)
  const district: Scope = { orgId: "d1", orgPath: "d1" }

  type Org = { id: string; path: string }
  let everyOrg: Org[] = []
  /** A branch with members on the roll assessed for 2026, and its committee; another branch of the same committee. */
  let branch: Org
  let committee: Org
  let other: Org
  /**
   * Members of `branch` on the roll, assessed for the whole of 2026 with no reduction, who owe November unpaid.
   */
  let payers: string[] = []

  const stored = (scope: Scope, months: readonly string[] = year) =>
    withScope(db(), scope, (tx) => duesCollectionOf(tx, scope, months))
  const computed = (scope: Scope, months: readonly string[] = year) =>
    withScope(db(), scope, (tx) => duesCollectionComputedOf(tx, scope, months))
  const scopeOf = (o: Org): Scope => ({ orgId: o.id, orgPath: o.path })

  beforeAll(async () => {
    await asSystem(db(), async (tx) => {
      everyOrg = rowsOf<Org>(await tx.execute(sql`select id, path from orgs order by path`))
      const [pick] = rowsOf<{ branch: string; committee: string; other: string }>(
        await tx.execute(sql`
          select b.id as branch, c.id as committee, (
            select o.id from orgs o where o.parent_id = c.id and o.id <> b.id and o.kind = 'branch' order by o.id limit 1
          ) as other
          from orgs b join orgs c on c.id = b.parent_id
          where b.kind = 'branch' and exists (
            select 1 from orgs o where o.parent_id = c.id and o.id <> b.id and o.kind = 'branch')
          order by (select count(*) from members m where m.org_id = b.id) desc, b.id limit 1`),
      )
      if (pick === undefined) throw new Error("the demo has no committee with two branches")
      const byId = new Map(everyOrg.map((o) => [o.id, o]))
      branch = byId.get(pick.branch) as Org
      committee = byId.get(pick.committee) as Org
      other = byId.get(pick.other) as Org
      payers = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select m.id from members m join care_dues_assessments a on a.member_id = m.id and a.year = 2026
          where m.org_id = ${branch.id} and m.stage in ('probationary', 'full') and m.status = 'normal'
            and a.from_month = '2026-01' and a.monthly_fen > 0
            and not exists (select 1 from care_dues_reductions r where r.member_id = m.id)
            and not exists (select 1 from care_dues_payments p where p.member_id = m.id and p.month = '2026-11')
          order by m.id`),
      ).map((r) => r.id)
    })
    if (payers.length < 4)
      throw new Error(`branch ${branch.id} has ${payers.length} members to pay, 4 needed`)
  })

  /** The scopes the writes are checked in: the district, the branch's committee, the branch and its neighbour. */
  const scopes = (): Scope[] => [district, scopeOf(committee), scopeOf(branch), scopeOf(other)]
  type Both = {
    read: (readonly DuesCollection[])[]
    full: (readonly DuesCollection[])[]
    computed: number[]
    summed: number[]
  }
  const both = async (): Promise<Both> => {
    const out: Both = { read: [], full: [], computed: [], summed: [] }
    for (const s of scopes()) {
      const r = await stored(s)
      out.read.push(r.months)
      out.computed.push(r.computed)
      out.summed.push(r.summed)
      out.full.push((await computed(s)).months)
    }
    return out
  }
  /**
   * Applies the write, and expects the next reads to follow it, computing only `orgs` (12 months each) and summing
   * again only the subtrees holding one of them.
   */
  const afterWrite = async (orgs: readonly Org[], write: (tx: XfTx) => Promise<unknown>) => {
    const before = await both()
    expect(before.read).toEqual(before.full)
    expect(before.computed).toEqual([0, 0, 0, 0])
    // Nothing moved since the last reads: every scope's year comes from its stored subtree sums.
    expect(before.summed).toEqual([0, 0, 0, 0])
    await asSystem(db(), write)
    const after = await both()
    expect(after.read).toEqual(after.full)
    expect(after.full).not.toEqual(before.full)
    // The district's read, first after the write, computes the months of the organizations written to, no more.
    expect(after.computed).toEqual([orgs.length * 12, 0, 0, 0])
    // The district and the committee hold both branches; each branch holds itself.
    const holds = (o: Org) => (orgs.includes(o) ? 12 : 0)
    expect(after.summed).toEqual([12, 12, holds(branch), holds(other)])
    expect(await stored(district)).toMatchObject({ computed: 0, summed: 0 })
  }

  it("has today's month stored by the demo load: the agenda's first read computes nothing", async () => {
    const first = await stored(district, ["2026-11"])
    expect(first.computed).toBe(0)
    expect(first.summed).toBe(0)
    expect(first.months).toEqual((await computed(district, ["2026-11"])).months)
    expect(first.months[0]?.owing).toBeGreaterThan(0)
    expect(first.months[0]?.unpaid).toBeGreaterThan(0)
  })

  it("answers every organization and every month of the year as the full aggregate; a second read computes nothing", async () => {
    // The district's first read of the year stores the other eleven months of every organization.
    const first = await stored(district)
    expect(first.computed).toBe(everyOrg.length * 11)
    expect(first.summed).toBe(11)
    expect(first.months).toEqual((await computed(district)).months)
    for (const o of everyOrg) {
      const read = await stored(scopeOf(o))
      expect(read.computed, o.id).toBe(0)
      expect(read.months, o.id).toEqual((await computed(scopeOf(o))).months)
    }
    expect(await stored(district)).toMatchObject({ computed: 0, summed: 0 })
    // Not vacuous: the branch's year has members owing and some unpaid.
    const mine = (await stored(scopeOf(branch))).months
    expect(mine.every((m) => m.owing > 0)).toBe(true)
    expect(mine.some((m) => m.unpaid > 0)).toBe(true)
  })

  it("follows a payment and a payment taken back", async () => {
    const payer = payers[0] as string
    await afterWrite([branch], async (tx) => {
      const [a] = rowsOf<{ monthly_fen: number }>(
        await tx.execute(
          sql`select monthly_fen from care_dues_assessments where member_id = ${payer} and year = 2026`,
        ),
      )
      await writeDuesPayments(tx, [
        {
          memberId: payer,
          month: "2026-11",
          amountFen: Number(a?.monthly_fen),
          paidOn: date("2026-11-27"),
          recordedBy: null,
        },
      ])
    })
    await afterWrite([branch], (tx) =>
      tx
        .delete(careDuesPayments)
        .where(sql`${careDuesPayments.memberId} = ${payer} and ${careDuesPayments.month} = '2026-11'`),
    )
  })

  it("follows an assessment corrected and a reduction approved", async () => {
    await afterWrite([branch], (tx) =>
      writeDuesAssessments(tx, [
        {
          memberId: payers[1] as string,
          year: 2026,
          category: "salaried",
          baseFen: 800_000,
          basisPoints: 150,
          monthlyFen: 12_000,
          fromMonth: "2026-12",
          recordedBy: null,
        },
      ]),
    )
    await afterWrite([branch], (tx) =>
      writeDuesReductions(tx, [
        {
          memberId: payers[2] as string,
          fromMonth: "2026-03",
          toMonth: "2026-12",
          monthlyFen: 0,
          approvalRef: "区委〔2026〕7号",
          recordedBy: null,
        },
      ]),
    )
  })

  it("follows a member moved to another branch (both branches) and a member leaving the roll", async () => {
    await afterWrite([branch, other], (tx) =>
      tx
        .update(members)
        .set({ orgId: other.id })
        .where(eq(members.id, payers[3] as string)),
    )
    await afterWrite([other], (tx) =>
      tx
        .update(members)
        .set({ status: "suspended" })
        .where(eq(members.id, payers[3] as string)),
    )
    await afterWrite([branch], (tx) =>
      tx
        .update(members)
        .set({ stage: "applicant" })
        .where(eq(members.id, payers[0] as string)),
    )
  })

  it("follows an organization moved to another committee: the subtree it left and the one it joined", async () => {
    const [target] = rowsOf<Org>(
      await db().execute(sql`
        select o.id, o.path from orgs o join orgs c on c.id = ${committee.id}
        where o.kind = c.kind and o.id <> c.id order by o.id limit 1`),
    )
    if (target === undefined) throw new Error("the demo has one committee of its kind")
    const before = await stored(scopeOf(committee))
    expect(before.summed).toBe(0)
    const moved = await asSystem(db(), (tx) => moveOrg(tx, { id: branch.id, newParentId: target.id }))
    expect(Result.isSuccess(moved)).toBe(true)
    const branchNow = { id: branch.id, path: `${target.path}.${branch.id}` }
    for (const s of [district, scopeOf(committee), scopeOf(target), scopeOf(branchNow), scopeOf(other)]) {
      const read = await stored(s)
      expect(read.months, s.orgId).toEqual((await computed(s)).months)
      // Nothing of dues was written: only sums are redone, no organization's own months computed.
      expect(read.computed, s.orgId).toBe(0)
    }
    // Not vacuous: the committee lost the branch's members on the roll, the target gained them.
    const after = await stored(scopeOf(committee))
    expect(after.months.map((m) => m.owing)).not.toEqual(before.months.map((m) => m.owing))
    expect((await stored(scopeOf(other))).summed).toBe(0)
  })

  // Two connections at once: PGlite has one session, so this runs on PostgreSQL only.
  it.skipIf(backend === "pglite")(
    "follows a payment committed after a read that stored the sum while it was in progress",
    async () => {
      // Assessed afresh from December by the test above (12,000 fen a month), December unpaid.
      const payer = payers[1] as string
      const before = await stored(district)
      expect(before.summed).toBe(0)
      let release: () => void = () => undefined
      const held = new Promise<void>((r) => {
        release = r
      })
      let paid: () => void = () => undefined
      const written = new Promise<void>((r) => {
        paid = r
      })
      // The payment's transaction stays open while the district is read and its sum stored, then commits.
      const writer = asSystem(db(), async (tx) => {
        await writeDuesPayments(tx, [
          {
            memberId: payer,
            month: "2026-12",
            amountFen: 12_000,
            paidOn: date("2026-11-27"),
            recordedBy: null,
          },
        ])
        paid()
        await held
      })
      await written
      // The district's sums are gone (as after a restore): summed again while the payment is uncommitted, and
      // stored with a snapshot in which the payment's transaction is still running.
      await asSystem(db(), (tx) =>
        tx.execute(sql`delete from care_dues_subtree_collections where org_id = 'd1'`),
      )
      const during = await stored(district)
      expect(during.summed).toBe(12)
      expect(during.months).toEqual(before.months)
      expect((await stored(district)).summed).toBe(0)
      release()
      await writer
      const after = await stored(district)
      expect(after.summed).toBe(12)
      expect(after.months).toEqual((await computed(district)).months)
      expect(after.months).not.toEqual(before.months)
    },
  )
})
