import { gunzipSync } from "node:zlib"
import { date, makeIdNumber } from "@xianfeng/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  ArchiveRefused,
  appendAudit,
  createIdVault,
  type Database,
  exportArchive,
  insertMember,
  listMembersInScope,
  readArchive,
  rememberMapping,
  restoreArchive,
  saveCalendarYear,
  verifyAuditChain,
  writeDuesAssessments,
  writeDuesPayments,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"

const withoutTimestamp = (bytes: Uint8Array) => {
  const a = JSON.parse(gunzipSync(bytes).toString("utf8")) as Record<string, unknown>
  delete a.exportedAt
  return a
}

// Export → restore into an empty database → export again gives the same archive apart from its timestamp.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_archive"))("$name", (backend) => {
  let source: Database
  let target: Database
  beforeAll(async () => {
    source = await backend.open()
    target = await backend.open()
    await source.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "a_d", kind: "district-committee", name: "区委" },
        { id: "a_c", parentId: "a_d", kind: "township-committee", name: "镇党委" },
        { id: "a_b", parentId: "a_c", kind: "branch", name: "一支部" },
      ])
      const memberIds: string[] = []
      for (const [i, name] of ["阿依古丽·买买提", "𠮷田花子", "林小红"].entries()) {
        const m = await insertMember(tx, testVault, {
          orgId: "a_b",
          name,
          sex: "female",
          birthDate: date("1990-01-01"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "full",
          admittedOn: date("2015-07-01"),
          fullMemberOn: date("2016-07-01"),
          idNumber: makeIdNumber("830000", date("1990-01-01"), 20 + i),
        })
        memberIds.push(m.id)
      }
      // Dues: the restore writes them with the dues triggers live (which stamp members and organizations).
      const [first, second] = memberIds as [string, string]
      await writeDuesAssessments(tx, [
        {
          memberId: first,
          year: 2026,
          category: "salaried",
          baseFen: 500_000,
          basisPoints: 100,
          monthlyFen: 5_000,
          fromMonth: "2026-01",
          recordedBy: null,
        },
        {
          memberId: second,
          year: 2026,
          category: "retiree",
          baseFen: 400_000,
          basisPoints: 50,
          monthlyFen: 2_000,
          fromMonth: "2026-01",
          recordedBy: null,
        },
      ])
      await writeDuesPayments(tx, [
        { memberId: first, month: "2026-01", amountFen: 5_000, paidOn: date("2026-01-10"), recordedBy: null },
      ])
      for (let i = 0; i < 3; i++)
        await appendAudit(tx, {
          action: "test.write",
          result: "ok",
          at: new Date(Date.UTC(2026, 10, 30, 2, i)),
        })
      await rememberMapping(
        tx,
        { orgId: "a_d", orgPath: "a_d" },
        "members",
        { name: "姓名" },
        null,
        new Date("2026-11-30T02:00:00Z"),
      )
      await saveCalendarYear(
        tx,
        {
          year: 2027,
          notice: "国办发明电〔2026〕9号",
          holidays: { "2027-01-01": "元旦" },
          makeUpWorkdays: [],
        },
        null,
        new Date("2026-11-30T02:00:00Z"),
      )
    })
  }, 180_000)
  afterAll(async () => {
    await source.close()
    await target.close()
  })

  it("round-trips: export, restore into an empty database, export again gives the same archive", {
    timeout: 120_000,
  }, async () => {
    const first = await exportArchive(source.db, testVault, { at: new Date("2026-11-30T02:00:00Z") })
    const archive = readArchive(first)
    expect(archive.tables.orgs?.length).toBe(3)
    expect(archive.tables.members?.length).toBe(3)
    // ID numbers stay encrypted: no plain number anywhere in the archive.
    const text = gunzipSync(first).toString("utf8")
    expect(text).not.toContain(makeIdNumber("830000", date("1990-01-01"), 20))
    expect(text).toContain("v1:")
    const progress: string[] = []
    const { rows } = await restoreArchive(target.db, testVault, first, {
      onProgress: (t) => progress.push(t),
    })
    expect(rows).toBeGreaterThanOrEqual(3 + 3 + 3)
    expect(progress).toContain("members")
    const second = await exportArchive(target.db, testVault, { at: new Date("2026-12-01T02:00:00Z") })
    expect(withoutTimestamp(second)).toEqual(withoutTimestamp(first))
    // The restored database works: its audit chain holds, search finds the names, sequences continue.
    expect((await verifyAuditChain(target.db)).ok).toBe(true)
    const found = await listMembersInScope(
      target.db,
      { orgId: "a_d", orgPath: "a_d" },
      { q: "阿依古丽买买提", page: 1, pageSize: 5 },
    )
    expect(found.rows.map((r) => r.name)).toEqual(["阿依古丽·买买提"])
    await appendAudit(target.db, { action: "test.after-restore", result: "ok" })
    expect((await verifyAuditChain(target.db)).ok).toBe(true)
  })

  it("refuses a database that is not empty, another ID key and a file that is not an archive", async () => {
    const bytes = await exportArchive(source.db, testVault)
    await expect(restoreArchive(target.db, testVault, bytes)).rejects.toBeInstanceOf(ArchiveRefused)
    const otherKey = createIdVault(new Uint8Array(32).fill(9))
    await expect(restoreArchive(target.db, otherKey, bytes)).rejects.toThrow(/another key/)
    expect(() => readArchive(new TextEncoder().encode("hello"))).toThrow(ArchiveRefused)
  })
})
