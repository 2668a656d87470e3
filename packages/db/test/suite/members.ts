import { makeIdNumber } from "@xianfeng/core"
import { eq } from "drizzle-orm"
import { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import { insertOrg } from "../../src/org-tree.js"
import { findMemberByIdNumber, insertMember, updateMember } from "../../src/platform/members.js"
import { members } from "../../src/schema/index.js"
import { type SuiteContext, testVault, unwrap } from "./context.js"

// A valid number in the fictitious county 330199 (see README).
const ID = makeIdNumber("330199", Temporal.PlainDate.from("1980-02-29"), 1)

export const memberSuite = (ctx: SuiteContext) =>
  describe("members", () => {
    const setup = async () => {
      const { db } = ctx.database()
      return db.transaction(async (tx) => {
        unwrap(await insertOrg(tx, { id: "m_d", kind: "district-committee", name: "区委" }))
        unwrap(await insertOrg(tx, { id: "m_b", parentId: "m_d", kind: "branch", name: "支部" }))
        return insertMember(tx, testVault, {
          orgId: "m_b",
          name: "张三",
          sex: "male",
          birthDate: Temporal.PlainDate.from("1980-02-29"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "probationary",
          admittedOn: Temporal.PlainDate.from("2025-07-01"),
          idNumber: ID.toLowerCase(),
        })
      })
    }

    it("stores dates as civil dates, the ID number encrypted, indexed and masked", async () => {
      const m = await setup()
      const { db } = ctx.database()
      const [row] = await db.select().from(members).where(eq(members.id, m.id))
      expect(row?.birthDate.toString()).toBe("1980-02-29")
      expect(row?.admittedOn?.toString()).toBe("2025-07-01")
      expect(row?.namePinyin).toBe("zhangsan")
      expect(row?.nameInitials).toBe("zs")
      expect(row?.idNumberMasked).toBe(`330***********${ID.slice(-4)}`)
      expect(row?.idNumberCipher).toMatch(/^v1:/)
      expect(testVault.decrypt(row?.idNumberCipher ?? "")).toBe(ID)
      expect((await findMemberByIdNumber(db, testVault, ID))?.id).toBe(m.id)
    })

    it("refuses a second member with the same ID number", async () => {
      const { db } = ctx.database()
      await expect(
        insertMember(db, testVault, {
          orgId: "m_b",
          name: "李四",
          sex: "male",
          birthDate: Temporal.PlainDate.from("1980-02-29"),
          ethnicity: "01",
          education: "21",
          occupationGroup: "worker",
          stage: "full",
          idNumber: ID,
        }),
      ).rejects.toThrow()
    })

    it("bumps the version on update and refuses a stale version", async () => {
      const { db } = ctx.database()
      const [m] = await db.select().from(members).where(eq(members.orgId, "m_b"))
      if (m === undefined) throw new Error("setup")
      const updated = await updateMember(db, testVault, m.id, m.version, {
        name: "张叁",
        phone: "13800138000",
      })
      expect(updated).toMatchObject({ version: m.version + 1, namePinyin: "zhangsan", phone: "13800138000" })
      expect(await updateMember(db, testVault, m.id, m.version, { phone: "13800138001" })).toBeUndefined()
      const [now] = await db.select().from(members).where(eq(members.id, m.id))
      expect(now?.phone).toBe("13800138000")
    })

    it("changes a member only inside the given scope, stamped with the given instant", async () => {
      const { db } = ctx.database()
      await db.transaction(async (tx) => {
        unwrap(await insertOrg(tx, { id: "m_c", parentId: "m_d", kind: "party-committee", name: "党委" }))
      })
      const [m] = await db.select().from(members).where(eq(members.orgId, "m_b"))
      if (m === undefined) throw new Error("setup")
      const elsewhere = { orgId: "m_c", orgPath: "m_d.m_c" }
      expect(await updateMember(db, testVault, m.id, m.version, { phone: "1" }, { scope: elsewhere })).toBe(
        undefined,
      )
      const at = new Date("2026-07-01T02:00:00.000Z")
      const inside = { orgId: "m_b", orgPath: "m_d.m_b" }
      const moved = await updateMember(
        db,
        testVault,
        m.id,
        m.version,
        { orgId: "m_c" },
        { scope: inside, at },
      )
      expect(moved).toMatchObject({ orgId: "m_c", version: m.version + 1, phone: m.phone })
      expect(moved?.updatedAt.toISOString()).toBe(at.toISOString())
    })
  })
