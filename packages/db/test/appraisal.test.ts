import { date } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  appendAudit,
  appraisalRollOf,
  cycleInScope,
  cyclesInScope,
  type Database,
  insertMember,
  issueActivations,
  memberIdOfUser,
  NotInScope,
  openCycle,
  participantsOf,
  peerRatingsOf,
  recordViewersOf,
  rowsOf,
  savePeerRatings,
  spendActivation,
  userForLogin,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { insertOrgs } from "./support/orgs.js"

// The area's queries on every backend: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_appraisal"))("$name", (backend) => {
  let database: Database
  const ids: string[] = []
  let stranger = ""
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "d1", kind: "district-committee", name: "区委" },
        { id: "c01", parentId: "d1", kind: "party-committee", name: "第一党委" },
        { id: "b1", parentId: "c01", kind: "branch", name: "第一支部" },
        { id: "b2", parentId: "c01", kind: "branch", name: "第二支部" },
      ])
      const person = (orgId: string, name: string, stage: "full" | "probationary" | "activist") => ({
        orgId,
        name,
        sex: "female" as const,
        birthDate: date("1985-01-01"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "worker",
        stage,
      })
      for (const [i, stage] of (["full", "full", "probationary", "activist"] as const).entries())
        ids.push((await insertMember(tx, testVault, person("b1", `党员${i}`, stage))).id)
      stranger = (await insertMember(tx, testVault, person("b2", "外支部党员", "full"))).id
    })
  })
  afterAll(async () => {
    await database.close()
  })

  const b1 = { orgId: "b1", orgPath: "d1.c01.b1" }
  const b2 = { orgId: "b2", orgPath: "d1.c01.b2" }
  const c01 = { orgId: "c01", orgPath: "d1.c01" }

  it("a cycle's roll is the branch's full and probationary members, not its activists", async () => {
    const roll = await appraisalRollOf(database.db, b1, "b1")
    expect(roll.map((m) => m.stage).sort()).toEqual(["full", "full", "probationary"])
    await expect(appraisalRollOf(database.db, b2, "b1")).rejects.toBeInstanceOf(NotInScope)
  })

  it("opens one cycle per branch and year, shown to the branch and the committee, not to another branch", async () => {
    const roll = await appraisalRollOf(database.db, b1, "b1")
    const cycle = await openCycle(database.db, b1, {
      orgId: "b1",
      year: 2026,
      openedOn: date("2026-11-20"),
      recordedBy: null,
      participants: roll.map((m) => ({ memberId: m.id, stage: m.stage })),
    })
    await expect(
      openCycle(database.db, b1, {
        orgId: "b1",
        year: 2026,
        openedOn: date("2026-11-21"),
        recordedBy: null,
        participants: [],
      }),
    ).rejects.toThrow()
    expect((await cyclesInScope(database.db, c01, {})).map((c) => c.id)).toEqual([cycle.id])
    expect(await cyclesInScope(database.db, b2, {})).toEqual([])
    await expect(cycleInScope(database.db, b2, cycle.id)).rejects.toBeInstanceOf(NotInScope)
    expect(await participantsOf(database.db, [cycle.id])).toHaveLength(3)
  })

  it("a second rating of the same member by the same rater is refused by the key", async () => {
    const [cycle] = await cyclesInScope(database.db, b1, {})
    if (cycle === undefined) throw new Error("no cycle")
    const rating = {
      cycleId: cycle.id,
      raterId: ids[0] ?? "",
      rateeId: ids[1] ?? "",
      grade: "qualified" as const,
      ratedAt: new Date(),
    }
    await savePeerRatings(database.db, [rating])
    await expect(
      database.db.transaction((tx) => savePeerRatings(tx, [{ ...rating, grade: "excellent" }])),
    ).rejects.toThrow()
    expect(await peerRatingsOf(database.db, [cycle.id])).toHaveLength(1)
  })

  it("a cycle's ratings go in however many there are: past the 65,535 bind parameters of one statement", async () => {
    const b3 = { orgId: "b3", orgPath: "d1.c02.b3" }
    const many: string[] = []
    await database.db.transaction(async (tx) => {
      await insertOrgs(tx, [
        { id: "c02", parentId: "d1", kind: "party-committee", name: "第二党委" },
        { id: "b3", parentId: "c02", kind: "branch", name: "第三支部" },
      ])
      for (let i = 0; i < 120; i++)
        many.push(
          (
            await insertMember(tx, testVault, {
              orgId: "b3",
              name: `评议人${i}`,
              sex: "male",
              birthDate: date("1980-01-01"),
              ethnicity: "01",
              education: "21",
              occupationGroup: "worker",
              stage: "full",
            })
          ).id,
        )
    })
    const cycle = await openCycle(database.db, b3, {
      orgId: "b3",
      year: 2025,
      openedOn: date("2025-12-01"),
      recordedBy: null,
      participants: many.map((memberId) => ({ memberId, stage: "full" as const })),
    })
    // Everyone rates everyone else: 120 × 119 = 14,280 rows of 5 values, 71,400 parameters in one INSERT.
    const ratedAt = new Date()
    const ratings = many.flatMap((raterId) =>
      many
        .filter((rateeId) => rateeId !== raterId)
        .map((rateeId) => ({ cycleId: cycle.id, raterId, rateeId, grade: "qualified" as const, ratedAt })),
    )
    await database.db.transaction((tx) => savePeerRatings(tx, ratings))
    expect(await peerRatingsOf(database.db, [cycle.id])).toHaveLength(14_280)
  })

  it("an activation code is good once and only before it expires; it sets the password and enables the account", async () => {
    const at = new Date("2026-11-20T02:00:00Z")
    const [issued] = await issueActivations(
      database.db,
      b1,
      [
        {
          memberId: ids[0] ?? "",
          username: "dangyuan0",
          codeHash: "hash-1",
          expiresAt: new Date("2026-12-20T00:00:00Z"),
          recordedBy: null,
        },
      ],
      at,
    )
    expect(issued?.username).toBe("dangyuan0")
    expect((await userForLogin(database.db, "dangyuan0"))?.user.disabled).toBe(true)
    await expect(
      issueActivations(
        database.db,
        b1,
        [{ memberId: stranger, username: "x", codeHash: "h", expiresAt: at, recordedBy: null }],
        at,
      ),
    ).rejects.toBeInstanceOf(NotInScope)
    expect(
      await spendActivation(database.db, "hash-1", "pw-hash", new Date("2026-12-21T00:00:00Z")),
    ).toBeUndefined()
    const spent = await spendActivation(database.db, "hash-1", "pw-hash", new Date("2026-11-21T00:00:00Z"))
    expect(spent?.username).toBe("dangyuan0")
    expect(
      await spendActivation(database.db, "hash-1", "pw-hash", new Date("2026-11-21T00:00:01Z")),
    ).toBeUndefined()
    const user = await userForLogin(database.db, "dangyuan0")
    expect(user?.user.disabled).toBe(false)
    expect(user?.user.passwordHash).toBe("pw-hash")
    expect(await memberIdOfUser(database.db, user?.user.id ?? "")).toBe(ids[0])
  })

  it("a member sees who viewed their record by role and organization, never the viewer's name, and not their own reads", async () => {
    const member = await userForLogin(database.db, "dangyuan0")
    await database.db.transaction(async (tx) => {
      await appendAudit(tx, {
        actorId: member?.user.id ?? null,
        actorRole: "member",
        action: "member.read",
        objectType: "member",
        objectId: ids[0] ?? "",
        result: "ok",
      })
      await appendAudit(tx, {
        actorId: null,
        actorRole: "committee-officer",
        action: "member.read",
        objectType: "member",
        objectId: ids[0] ?? "",
        result: "ok",
      })
      await appendAudit(tx, {
        actorId: null,
        actorRole: "branch-secretary",
        action: "member.read",
        objectType: "member",
        objectId: ids[1] ?? "",
        result: "ok",
      })
    })
    const views = await recordViewersOf(database.db, ids[0] ?? "", member?.user.id ?? "")
    expect(views.map((v) => [v.action, v.viewerRole])).toEqual([["member.read", "committee-officer"]])
    expect(Object.keys(views[0] ?? {}).sort()).toEqual(["action", "at", "viewerOrg", "viewerRole"])
  })

  it("every appraisal table has row-level security on, behind the scope condition (migration 0013)", async () => {
    const rows = rowsOf<{ relname: string; relrowsecurity: boolean }>(
      await database.db.execute(
        sql`select relname, relrowsecurity from pg_class where relname like 'appraisal\_%' and relkind = 'r' order by relname`,
      ),
    )
    expect(rows.map((r) => r.relname)).toEqual([
      "appraisal_activations",
      "appraisal_cycles",
      "appraisal_participants",
      "appraisal_peer_ratings",
      "appraisal_secretary_reviews",
      "appraisal_unqualified_cases",
    ])
    expect(rows.every((r) => r.relrowsecurity)).toBe(true)
  })
})
