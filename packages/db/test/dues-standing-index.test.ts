import { date, type PlainDate } from "@xianfeng/core"
import { eq, sql } from "drizzle-orm"
import { beforeAll, describe, expect, it } from "vitest"
import {
  type ArrearsSummary,
  arrearsComputedInScope,
  arrearsSummaryInScope,
  careDuesArrears,
  careDuesPayments,
  careDuesStandings,
  type Database,
  members,
  writeDuesAssessments,
  writeDuesPayments,
  writeDuesReductions,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { useIndexDistrict } from "./support/index-district.js"

// The dues-standing index (care_dues_standings) answers the arrears summary from stored standings while each
// member's stamp holds and the row was computed for the read's month; the statement triggers bump the stamp on
// every assessment, payment and reduction written. After each write below, the very next read must say what
// computing every member-month afresh says — and differ from the read before it, so that without the triggers
// (the stored standing of the first read coming back unchanged) these comparisons fail.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_dues_index"))(
  "the dues-standing index on $name",
  (backend) => {
    const fixture = useIndexDistrict(backend)
    const { ids, district, c01, b1 } = fixture
    let database: Database
    let stranger = ""
    const asOf = date("2026-11-30")

    beforeAll(async () => {
      ;({ database, stranger } = fixture)
      const everyone = [...ids, stranger]
      await writeDuesAssessments(
        database.db,
        everyone.map((memberId) => ({
          memberId,
          year: 2026,
          category: "salaried" as const,
          baseFen: 500_000,
          basisPoints: 100,
          monthlyFen: 5_000,
          fromMonth: "2026-01",
          recordedBy: null,
        })),
      )
      await writeDuesPayments(
        database.db,
        everyone.flatMap((memberId, i) =>
          ["01", "02", "03", "04", "05", "06", "07"].slice(0, 2 + i).map((m) => ({
            memberId,
            month: `2026-${m}`,
            amountFen: 5_000,
            paidOn: date(`2026-${m}-10`),
            recordedBy: null,
          })),
        ),
      )
    }, 300_000)

    const scopes = [district, c01, b1]
    /** The index's read and the full computation of every scope, as of a day. */
    const both = async (on: PlainDate = asOf) => {
      const read: ArrearsSummary[] = []
      const full: ArrearsSummary[] = []
      for (const s of scopes) {
        read.push(await arrearsSummaryInScope(database.db, s, on))
        full.push(await arrearsComputedInScope(database.db, s, on))
      }
      return { read, full }
    }
    /** Reads once (filling the index), applies the write, and expects the next read to follow it. */
    const afterWrite = async (write: () => Promise<unknown>) => {
      const before = await both()
      expect(before.read).toEqual(before.full)
      await write()
      const after = await both()
      expect(after.read).toEqual(after.full)
      expect(after.full).not.toEqual(before.full)
    }

    it("a first read stores every member of the roll; a second reads them back unchanged", async () => {
      const first = await both()
      expect(first.read).toEqual(first.full)
      expect(first.full[0]?.members).toBeGreaterThan(0)
      const stored = await database.db.select().from(careDuesStandings)
      expect(stored.map((r) => r.memberId).sort()).toEqual([...ids, stranger].sort())
      expect(new Set(stored.map((r) => r.asOf))).toEqual(new Set(["2026-10"]))
      // And each organization of the district its sum (care_dues_arrears), for the same month.
      const orgRows = await database.db.select().from(careDuesArrears)
      expect(orgRows.length).toBeGreaterThan(2)
      expect(new Set(orgRows.map((r) => r.asOf))).toEqual(new Set(["2026-10"]))
      expect(orgRows.reduce((n, r) => n + r.members, 0)).toBe(first.full[0]?.members)
      expect(orgRows.reduce((n, r) => n + r.owedFen, 0)).toBe(first.full[0]?.owedFen)
      expect((await both()).read).toEqual(first.full)
    })

    it("reads an organization's stored arrears while its dues stamp holds, and sums it afresh once a write moves it", async () => {
      const [member] = await database.db
        .select({ orgId: members.orgId })
        .from(members)
        .where(eq(members.id, ids[2] as string))
      if (member === undefined) throw new Error("no member")
      const before = await both()
      expect(before.read).toEqual(before.full)
      // A row altered behind the index's back is what the read sums: it is read, not recomputed…
      await database.db
        .update(careDuesArrears)
        .set({ members: sql`${careDuesArrears.members} + 100` })
        .where(eq(careDuesArrears.orgId, member.orgId))
      const forged = await both()
      expect(forged.read[0]?.members).toBe((before.full[0]?.members ?? 0) + 100)
      // …until a write of one of its members moves the organization's stamp.
      await writeDuesPayments(database.db, [
        { memberId: ids[2] as string, month: "2026-09", amountFen: 1, paidOn: asOf, recordedBy: null },
      ])
      const after = await both()
      expect(after.read).toEqual(after.full)
      expect(after.full[0]?.members).toBe(before.full[0]?.members)
    })

    it("a payment is seen by the very next read", async () => {
      await afterWrite(() =>
        writeDuesPayments(database.db, [
          {
            memberId: ids[0] as string,
            month: "2026-10",
            amountFen: 5_000,
            paidOn: asOf,
            recordedBy: null,
          },
        ]),
      )
    })

    it("a payment taken back is seen by the very next read", async () => {
      await afterWrite(() =>
        database.db
          .delete(careDuesPayments)
          .where(sql`${careDuesPayments.memberId} = ${ids[0]} and ${careDuesPayments.month} = '2026-10'`),
      )
    })

    it("an exemption is seen by the very next read", async () => {
      await afterWrite(() =>
        writeDuesReductions(database.db, [
          {
            memberId: ids[1] as string,
            fromMonth: "2026-06",
            toMonth: "2026-12",
            monthlyFen: 0,
            approvalRef: "区委〔2026〕7号",
            recordedBy: null,
          },
        ]),
      )
    })

    it("an assessment's change is seen by the very next read", async () => {
      await afterWrite(() =>
        writeDuesAssessments(database.db, [
          {
            memberId: ids[2] as string,
            year: 2026,
            category: "salaried",
            baseFen: 800_000,
            basisPoints: 100,
            monthlyFen: 8_000,
            fromMonth: "2026-03",
            recordedBy: null,
          },
        ]),
      )
    })

    it("a member moving out of the branch, and leaving the roll, is seen by the very next read", async () => {
      await afterWrite(() =>
        database.db
          .update(members)
          .set({ orgId: "b2" })
          .where(eq(members.id, ids[0] as string)),
      )
      await afterWrite(() =>
        database.db
          .update(members)
          .set({ status: "suspended" })
          .where(eq(members.id, ids[1] as string)),
      )
    })

    it("a standing computed for an earlier month is recomputed when the month turns", async () => {
      const november = await both(date("2026-11-30"))
      const december = await both(date("2026-12-01"))
      expect(december.read).toEqual(december.full)
      expect(december.full).not.toEqual(november.full)
      // The members still on the roll (not the one suspended above, whom no read needs).
      const stored = await database.db
        .select({ memberId: careDuesStandings.memberId, asOf: careDuesStandings.asOf })
        .from(careDuesStandings)
      const onRoll = new Set([ids[0], ids[2], stranger])
      expect(new Set(stored.filter((r) => onRoll.has(r.memberId)).map((r) => r.asOf))).toEqual(
        new Set(["2026-11"]),
      )
    })
  },
)
