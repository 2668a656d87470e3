import { asc, eq, inArray, sql } from "drizzle-orm"
import { Result } from "effect"
import { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import type { XfDb } from "../../src/database.js"
import { insertOrg, moveOrg, pathInSubtree, subtreeOrgIds } from "../../src/org-tree.js"
import { writeOrgTree } from "../../src/platform/bulk.js"
import { insertMember } from "../../src/platform/members.js"
import { members, orgs } from "../../src/schema/index.js"
import { type SuiteContext, testVault, unwrap } from "./context.js"

// A small tree of its own (prefix t_) so this part does not meet the other parts' rows.
const build = async (db: XfDb) =>
  db.transaction(async (tx) => {
    unwrap(await insertOrg(tx, { id: "t_d", kind: "district-committee", name: "测试区委" }))
    unwrap(await insertOrg(tx, { id: "t_c1", parentId: "t_d", kind: "township-committee", name: "一镇党委" }))
    unwrap(await insertOrg(tx, { id: "t_c2", parentId: "t_d", kind: "township-committee", name: "二镇党委" }))
    unwrap(await insertOrg(tx, { id: "t_g1", parentId: "t_c1", kind: "general-branch", name: "总支" }))
    unwrap(await insertOrg(tx, { id: "t_b1", parentId: "t_g1", kind: "branch", name: "一支部" }))
    // An id with `_` in the same place as a sibling: LIKE 't_c1.%' would wrongly match 't_c1x'.
    unwrap(await insertOrg(tx, { id: "t_c1x", parentId: "t_d", kind: "working-committee", name: "工委" }))
    unwrap(await insertOrg(tx, { id: "t_b2", parentId: "t_c1x", kind: "branch", name: "二支部" }))
  })

const pathOf = async (db: XfDb, id: string) =>
  (await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)))[0]?.path

export const orgTreeSuite = (ctx: SuiteContext) =>
  describe("org tree", () => {
    it("computes each path from the parent's path", async () => {
      const { db } = ctx.database()
      await build(db)
      expect(await pathOf(db, "t_b1")).toBe("t_d.t_c1.t_g1.t_b1")
      expect(await pathOf(db, "t_b2")).toBe("t_d.t_c1x.t_b2")
    })

    it("scopes a query to a subtree inside SQL, and '_' in ids is not a wildcard", async () => {
      const { db } = ctx.database()
      const ids = async (scope: string) =>
        (
          await db
            .select({ id: orgs.id })
            .from(orgs)
            .where(inArray(orgs.id, subtreeOrgIds(scope)))
            .orderBy(asc(orgs.id))
        ).map((r) => r.id)
      expect(await ids("t_d.t_c1")).toEqual(["t_b1", "t_c1", "t_g1"])
      expect(await ids("t_d.t_c1x")).toEqual(["t_b2", "t_c1x"])
      expect(await ids("t_d.t_c1.t_g1.t_b1")).toEqual(["t_b1"])
      expect(await ids("t_d.t_c")).toEqual([])
      const members = await db.select({ id: orgs.id }).from(orgs).where(pathInSubtree(orgs.path, "t_d"))
      expect(members).toHaveLength(7)
    })

    it("filters members by scope in the same query", async () => {
      const { db } = ctx.database()
      const base = {
        sex: "female" as const,
        birthDate: Temporal.PlainDate.from("1990-05-01"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "professional",
        stage: "full" as const,
      }
      await db.transaction(async (tx) => {
        await insertMember(tx, testVault, { ...base, orgId: "t_b1", name: "吕小红" })
        await insertMember(tx, testVault, { ...base, orgId: "t_b2", name: "单田芳" })
      })
      const inC1 = await db
        .select({ name: members.name, pinyin: members.namePinyin, initials: members.nameInitials })
        .from(members)
        .where(inArray(members.orgId, subtreeOrgIds("t_d.t_c1")))
      expect(inC1).toEqual([{ name: "吕小红", pinyin: "lvxiaohong", initials: "lxh" }])
    })

    it("moves a subtree in one statement, descendants included", async () => {
      const { db } = ctx.database()
      const moved = await db.transaction((tx) => moveOrg(tx, { id: "t_g1", newParentId: "t_c2" }))
      expect(unwrap(moved)).toMatchObject({ path: "t_d.t_c2.t_g1", parentId: "t_c2", version: 2 })
      expect(await pathOf(db, "t_b1")).toBe("t_d.t_c2.t_g1.t_b1")
      expect(await pathOf(db, "t_c1")).toBe("t_d.t_c1")
      // every path equals the parent's path plus the id
      const bad = await db.execute(
        sql`select c.id from orgs c join orgs p on p.id = c.parent_id where c.path <> p.path || '.' || c.id`,
      )
      expect((bad as unknown as { rows: unknown[] }).rows).toEqual([])
    })

    it("writes a tree of tens of thousands of organizations in one call (a province's first load)", async () => {
      const { db } = ctx.database()
      // 40,000 branches: one INSERT of every row overflowed the call stack while its parameters were built.
      const branches = Array.from({ length: 40_000 }, (_, i) => ({
        id: `w_b${i}`,
        parentId: "w_d",
        kind: "branch" as const,
        name: `第${i}支部`,
        path: `w_d.w_b${i}`,
      }))
      const rolledBack = new Error("roll back: the tree is only for this test")
      await expect(
        db.transaction(async (tx) => {
          await writeOrgTree(tx, [
            { id: "w_d", parentId: null, kind: "district-committee", name: "大区委", path: "w_d" },
            ...branches,
          ])
          const [row] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(orgs)
            .where(pathInSubtree(orgs.path, "w_d"))
          expect(row?.n).toBe(40_001)
          throw rolledBack
        }),
      ).rejects.toBe(rolledBack)
      expect(await pathOf(db, "w_b39999")).toBeUndefined()
    })

    it("refuses placements the org kinds do not allow, and cycles", async () => {
      const { db } = ctx.database()
      const branchUnderBranch = await db.transaction((tx) =>
        insertOrg(tx, { id: "t_bx", parentId: "t_b1", kind: "branch", name: "x" }),
      )
      expect(Result.isFailure(branchUnderBranch) && branchUnderBranch.failure.reason).toBe("placement")
      const orphan = await db.transaction((tx) => insertOrg(tx, { id: "t_by", kind: "branch", name: "x" }))
      expect(Result.isFailure(orphan) && orphan.failure.reason).toBe("required")
      const missing = await db.transaction((tx) =>
        insertOrg(tx, { id: "t_bz", parentId: "nope", kind: "branch", name: "x" }),
      )
      expect(Result.isFailure(missing) && missing.failure.reason).toBe("not-found")
      const badId = await db.transaction((tx) =>
        insertOrg(tx, { id: "t-b", parentId: "t_d", kind: "branch", name: "x" }),
      )
      expect(Result.isFailure(badId) && badId.failure.reason).toBe("format")
      const dup = await db.transaction((tx) =>
        insertOrg(tx, { id: "t_b1", parentId: "t_d", kind: "branch", name: "x" }),
      )
      expect(Result.isFailure(dup) && dup.failure.reason).toBe("duplicate")
      const cycle = await db.transaction((tx) => moveOrg(tx, { id: "t_c2", newParentId: "t_g1" }))
      expect(Result.isFailure(cycle) && cycle.failure.reason).toBe("cycle")
      const committeeUnderBranch = await db.transaction((tx) =>
        moveOrg(tx, { id: "t_c1", newParentId: "t_b2" }),
      )
      expect(Result.isFailure(committeeUnderBranch) && committeeUnderBranch.failure.reason).toBe("placement")
      const stale = await db.transaction((tx) =>
        moveOrg(tx, { id: "t_g1", newParentId: "t_c1", expectedVersion: 1 }),
      )
      expect(Result.isFailure(stale) && stale.failure.reason).toBe("conflict")
      expect(await pathOf(db, "t_b1")).toBe("t_d.t_c2.t_g1.t_b1")
    })
  })
