import { date, type MemberStage, memberStages } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type Database,
  insertMember,
  insertPreparedMembers,
  listMembersAtEpoch,
  listMembersInScope,
  type MemberInput,
  orgViewInScope,
  prepareMembers,
  rowsOf,
  type Scope,
  stageCountsInScope,
  streamBulkWritesByCopy,
  streamsByCopy,
  type XfDb,
} from "../src/index.js"
import { testBackends } from "../src/testing.js"
import { testVault } from "./suite/context.js"
import { folderBeforeMigration, migrationIndex } from "./support/before-migration.js"
import { seedTwoCommittees } from "./support/two-committees.js"

// The member list's total over an organization subtree (and a stage), an organization's member count and the
// development pipeline's counts per stage are sums of the stored per-organization counts (member_org_counts,
// custom migrations `member_org_counts_triggers` and `member_org_counts_by_status`), which statement triggers on
// `members` keep exact. After each kind of write below, the totals of `xf_member_page` and of
// `listMembersInScope` without a text search must be what counting the members says — for the district, a
// committee and a branch (and the other committee and branch), with and without each stage, with the subtree as
// the scope and as `p_org` inside the district's scope, as the owner and as the API's role under row-level
// security —, `orgViewInScope`'s member count and `stageCountsInScope`'s normal-standing counts must be what
// counting says, and the stored rows must be exactly `count(*) … group by org_id, stage, status`. Each step also
// checks the counted totals it expects, so a step whose write missed is seen.

/** Every subtree listed: id and path. */
const subtrees = [
  ["d1", "d1"],
  ["c01", "d1.c01"],
  ["b1", "d1.c01.b1"],
  ["c02", "d1.c02"],
  ["b2", "d1.c02.b2"],
] as const
const stages: readonly (MemberStage | undefined)[] = [undefined, ...memberStages]
const district: Scope = { orgId: "d1", orgPath: "d1" }

const person = (orgId: string, name: string, stage: MemberStage): MemberInput => ({
  orgId,
  name,
  sex: "female",
  birthDate: date("1980-05-01"),
  ethnicity: "01",
  education: "21",
  occupationGroup: "worker",
  stage,
})

const inPath = (path: string) =>
  sql`(o.path = ${path} or (o.path ~>=~ (${path} || '.') and o.path ~<~ (${path} || '/')))`

const count = async (db: XfDb, path: string, stage: MemberStage | undefined): Promise<number> => {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from members m join orgs o on o.id = m.org_id
      where ${inPath(path)} and (${stage ?? null}::text is null or m.stage = ${stage ?? null}::text)`),
  )
  return row?.n ?? -1
}

/** Members in normal standing per stage in the subtree, counted: what the development pipeline shows. */
const normalByStage = async (db: XfDb, path: string) =>
  rowsOf<{ stage: MemberStage; count: number }>(
    await db.execute(sql`select m.stage, count(*)::int as count from members m join orgs o on o.id = m.org_id
      where ${inPath(path)} and m.status = 'normal' group by m.stage order by m.stage`),
  )

const epochOf = async (db: XfDb): Promise<string> => {
  const [row] = rowsOf<{ n: string }>(await db.execute(sql`select n::text as n from auth_epoch where id = 1`))
  if (row === undefined) throw new Error("no authentication epoch")
  return row.n
}

/** `xf_member_page`'s total, called as the API's role (row-level security binds it) in a transaction of its own. */
const totalAsApp = async (
  db: XfDb,
  epoch: string,
  scope: string,
  condition: boolean,
  org: string | null,
  stage: MemberStage | undefined,
): Promise<number> =>
  db.transaction(async (tx) => {
    await tx.execute(sql`set local role xianfeng_app`)
    const [row] = rowsOf<{ total: number | null }>(
      await tx.execute(sql`select r.total::int as total
        from xf_member_page(${epoch}::bigint, ${scope}::text, ${condition}::boolean, ${org}::text,
                            ${stage ?? null}::text, 1, 0) as r limit 1`),
    )
    return row?.total ?? -1
  })

describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_member_counts"))(
  "stored member counts per organization on $name",
  (backend) => {
    let database: Database
    const ids: string[] = []
    const db = () => database.db

    beforeAll(async () => {
      database = await backend.open()
      await database.db.transaction(async (tx) => {
        const seeded = await seedTwoCommittees(tx, {
          inB1: ["张一", "李二", "王三"],
          inB2: "赵四",
          birthDate: date("1960-01-01"),
        })
        ids.push(...seeded.ids)
      })
    }, 300_000)
    afterAll(async () => {
      await database?.close()
    })

    /**
     * Checks every total against counting and the stored rows against `group by`; returns the counted totals by
     * `id` (all stages) and `id:stage`.
     */
    const checkAll = async (): Promise<Record<string, number>> => {
      const counted: Record<string, number> = {}
      const epoch = await epochOf(db())
      for (const [id, path] of subtrees) {
        expect((await orgViewInScope(db(), district, id)).memberCount, `${id}'s member count`).toBe(
          await count(db(), path, undefined),
        )
        expect(await stageCountsInScope(db(), district, path), `${id}'s pipeline counts`).toEqual(
          await normalByStage(db(), path),
        )
        for (const stage of stages) {
          const key = stage === undefined ? id : `${id}:${stage}`
          const n = await count(db(), path, stage)
          counted[key] = n
          const page = await listMembersAtEpoch(
            db(),
            { orgPath: path, epoch },
            {
              page: 1,
              pageSize: 2,
              ...(stage === undefined ? {} : { stage }),
            },
          )
          expect(page.total, `${key} as its own scope`).toBe(n)
          const within = await listMembersAtEpoch(
            db(),
            { orgPath: "d1", epoch },
            {
              orgId: id,
              page: 1,
              pageSize: 2,
              ...(stage === undefined ? {} : { stage }),
            },
          )
          expect(within.total, `${key} within the district`).toBe(n)
          // The transaction path of an uncached caller (no text search): the same stored counts.
          const listed = await listMembersInScope(db(), district, {
            within: path,
            page: 1,
            pageSize: 2,
            ...(stage === undefined ? {} : { stage }),
          })
          expect(listed.total, `${key} listed in a transaction`).toBe(n)
          expect(await totalAsApp(db(), epoch, path, true, null, stage), `${key} as xianfeng_app`).toBe(n)
          expect(await totalAsApp(db(), epoch, "d1", true, id, stage), `${key} in d1, as xianfeng_app`).toBe(
            n,
          )
          // Row-level security alone (the query's condition off): the stored rows it shows are the scope's.
          expect(await totalAsApp(db(), epoch, path, false, null, stage), `${key} by RLS alone`).toBe(n)
        }
      }
      const stored = rowsOf<{ org_id: string; stage: string; status: string; n: number }>(
        await db().execute(
          sql`select org_id, stage, status, n from member_org_counts where n <> 0 order by org_id, stage, status`,
        ),
      )
      const grouped = rowsOf<{ org_id: string; stage: string; status: string; n: number }>(
        await db().execute(
          sql`select org_id, stage, status, count(*)::int as n from members
            group by org_id, stage, status order by org_id, stage, status`,
        ),
      )
      expect(stored).toEqual(grouped)
      return counted
    }

    it("holds the seeded members", async () => {
      const t = await checkAll()
      expect([t.d1, t.c01, t.b1, t.c02, t.b2, t["b1:full"], t["b1:applicant"]]).toEqual([4, 3, 3, 1, 1, 3, 0])
    })

    it("follows inserts, one at a time and several in one statement", async () => {
      await insertMember(db(), testVault, person("b1", "孙五", "probationary"))
      await insertMember(db(), testVault, person("c01", "周六", "activist"))
      await db().transaction((tx) =>
        insertPreparedMembers(
          tx,
          prepareMembers(testVault, [
            person("b1", "吴七", "probationary"),
            person("b2", "郑八", "applicant"),
            person("b2", "冯九", "applicant"),
            person("c02", "陈十", "development-object"),
          ]),
        ),
      )
      const t = await checkAll()
      expect([t.d1, t.c01, t.b1, t["b1:probationary"], t["c01:activist"], t.c02, t["b2:applicant"]]).toEqual([
        10, 6, 5, 2, 1, 4, 2,
      ])
    })

    it("follows a move between branches: both organizations", async () => {
      const [moved] = ids
      await db().execute(sql`update members set org_id = 'b2' where id = ${moved}`)
      const t = await checkAll()
      expect([t.b1, t["b1:full"], t.b2, t["b2:full"], t.c01, t.c02, t.d1]).toEqual([4, 2, 4, 2, 5, 5, 10])
    })

    it("follows a move made by the API's role inside its scope (the triggers write as their owner)", async () => {
      const moved = ids[1] as string
      await db().transaction(async (tx) => {
        await tx.execute(sql`set local role xianfeng_app`)
        await tx.execute(sql`select set_config('xianfeng.scope_path', 'd1', true)`)
        await tx.execute(sql`update members set org_id = 'b2' where id = ${moved}`)
      })
      const t = await checkAll()
      expect([t["b1:full"], t["b2:full"]]).toEqual([1, 3])
      // The role reads the stored rows of its scope but may not write them.
      const refused = await db()
        .transaction(async (tx) => {
          await tx.execute(sql`set local role xianfeng_app`)
          await tx.execute(sql`select set_config('xianfeng.scope_path', 'd1', true)`)
          await tx.execute(sql`update member_org_counts set n = n + 1`)
        })
        .then(
          () => "not refused",
          (e: unknown) => String(e instanceof Error && e.cause instanceof Error ? e.cause.message : e),
        )
      expect(refused).toMatch(/permission denied/)
    })

    it("follows a stage change, a move and a stage change in one statement, and no other update", async () => {
      await db().execute(sql`update members set stage = 'full' where name = '孙五'`)
      let t = await checkAll()
      expect([t["b1:probationary"], t["b1:full"], t.b1]).toEqual([1, 2, 3])
      // 吴七 (b1, probationary) to b2 as full; 郑八 (b2, applicant) to b1 as activist: both sides of each pair.
      await db().execute(sql`update members
        set org_id = case org_id when 'b1' then 'b2' else 'b1' end,
            stage = case org_id when 'b1' then 'full' else 'activist' end
        where name in ('吴七', '郑八')`)
      t = await checkAll()
      expect([t["b1:probationary"], t["b1:activist"], t["b2:applicant"], t["b2:full"], t.b1, t.b2]).toEqual([
        0, 1, 1, 4, 3, 5,
      ])
      // An update of anything else writes no stored row.
      const stored = sql`select * from member_org_counts order by org_id, stage, status`
      const before = rowsOf(await db().execute(stored))
      await db().execute(sql`update members set phone = '13800000000'`)
      expect(rowsOf(await db().execute(stored))).toEqual(before)
      // The list shows every status: a suspended member still counts there, not in the pipeline's normal standing.
      await db().execute(sql`update members set status = 'suspended' where name = '王三'`)
      t = await checkAll()
      expect([t.b1, t["b1:full"]]).toEqual([3, 2])
      expect(await stageCountsInScope(db(), district, "d1.c01.b1")).toEqual([
        { stage: "activist", count: 1 },
        { stage: "full", count: 1 },
      ])
      // And back in normal standing, counted there again.
      await db().execute(sql`update members set status = 'normal' where name = '王三'`)
      await checkAll()
      expect(
        (await stageCountsInScope(db(), district, "d1.c01.b1")).find((r) => r.stage === "full")?.count,
      ).toBe(2)
      await db().execute(sql`update members set status = 'suspended' where name = '王三'`)
    })

    it("follows deletes", async () => {
      await db().execute(sql`delete from members where name in ('冯九', '陈十', '周六')`)
      const t = await checkAll()
      // 周六 was c01's activist; 郑八 (now b1's) still is one of the committee's subtree.
      expect([t.d1, t.c02, t.b2, t["c01:activist"], t["c02:development-object"]]).toEqual([7, 4, 4, 1, 0])
    })

    it("follows a bulk load (by COPY on PostgreSQL, one INSERT on PGlite)", async () => {
      // 60 people, 12 in each organization, of every stage: (org, stage) pairs old and new.
      const surnames = ["张", "王", "李", "刘", "陈", "杨"]
      const given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"]
      const orgIds = ["b1", "b2", "c01", "c02", "d1"]
      const load = Array.from({ length: 60 }, (_, i) =>
        person(
          orgIds[i % 5] as string,
          `${surnames[i % 6]}${given[Math.floor(i / 6)]}`,
          memberStages[(i + Math.floor(i / 5)) % memberStages.length] as MemberStage,
        ),
      )
      const copies = await db().transaction(async (tx) => {
        if (database.driver === "postgres") streamBulkWritesByCopy(tx)
        // Counts the COPY statements node-postgres is asked for in this transaction.
        const client =
          database.driver === "postgres"
            ? (tx as unknown as { session?: { client?: { query: (...a: unknown[]) => unknown } } }).session
                ?.client
            : undefined
        const query = client?.query
        let seen = 0
        if (client !== undefined && query !== undefined)
          client.query = (...args: unknown[]) => {
            const q = args[0] as string | { text?: string }
            if (/^copy /i.test(typeof q === "string" ? q : (q.text ?? ""))) seen++
            return query.apply(client, args)
          }
        try {
          expect(streamsByCopy(tx)).toBe(database.driver === "postgres")
          await insertPreparedMembers(tx, prepareMembers(testVault, load))
        } finally {
          if (client !== undefined && query !== undefined) client.query = query
        }
        return seen
      })
      if (database.driver === "postgres") expect(copies).toBeGreaterThan(0)
      const t = await checkAll()
      expect([t.d1, t.b1, t.b2, t.c02]).toEqual([67, 15, 16, 28])
    })
  },
)

// The migrations fill the table from the members an existing database holds (one INSERT … SELECT … GROUP BY), so
// the first page after the upgrade sums exact counts: from a database before the stored counts, and from one
// whose counts were kept by (organization, stage) before the status joined the key.
describe.each([
  ["before the stored counts", migrationIndex("_member_org_counts")],
  ["with the counts by organization and stage", migrationIndex("_member_org_counts_status_clear")],
])("the member_org_counts migrations on pglite, from a database %s", (_, first) => {
  const folder = folderBeforeMigration(first)
  afterAll(() => folder.remove())

  it("fills the counts of the members already there", { timeout: 300_000 }, async () => {
    const old = await folder.openOld()
    try {
      await old.db.transaction(async (tx) => {
        await seedTwoCommittees(tx, { inB1: ["张一", "李二"], inB2: "赵四", birthDate: date("1960-01-01") })
        for (const [orgId, name, stage] of [
          ["b1", "孙五", "probationary"],
          ["c01", "周六", "activist"],
          ["b2", "郑八", "applicant"],
          ["d1", "陈十", "full"],
        ] as const)
          await insertMember(tx, testVault, person(orgId, name, stage))
        await tx.execute(sql`update members set status = 'lost-contact' where name = '李二'`)
      })
    } finally {
      await old.close()
    }
    const migrated = await folder.openMigrated()
    try {
      const stored = rowsOf<{ org_id: string; stage: string; status: string; n: number }>(
        await migrated.db.execute(
          sql`select org_id, stage, status, n from member_org_counts order by org_id, stage, status`,
        ),
      )
      expect(stored).toEqual([
        { org_id: "b1", stage: "full", status: "lost-contact", n: 1 },
        { org_id: "b1", stage: "full", status: "normal", n: 1 },
        { org_id: "b1", stage: "probationary", status: "normal", n: 1 },
        { org_id: "b2", stage: "applicant", status: "normal", n: 1 },
        { org_id: "b2", stage: "full", status: "normal", n: 1 },
        { org_id: "c01", stage: "activist", status: "normal", n: 1 },
        { org_id: "d1", stage: "full", status: "normal", n: 1 },
      ])
      const epoch = await epochOf(migrated.db)
      const page = await listMembersAtEpoch(
        migrated.db,
        { orgPath: "d1.c01", epoch },
        { page: 1, pageSize: 1 },
      )
      expect(page.total).toBe(4)
      // And the triggers are there: a move afterwards changes both organizations, a status change both keys.
      await migrated.db.execute(sql`update members set org_id = 'b1' where name = '郑八'`)
      expect(
        (await listMembersAtEpoch(migrated.db, { orgPath: "d1.c01", epoch }, { page: 1, pageSize: 1 })).total,
      ).toBe(5)
      await migrated.db.execute(sql`update members set status = 'normal' where name = '李二'`)
      expect(await stageCountsInScope(migrated.db, district, "d1.c01")).toEqual([
        { stage: "activist", count: 1 },
        { stage: "applicant", count: 1 },
        { stage: "full", count: 2 },
        { stage: "probationary", count: 1 },
      ])
    } finally {
      await migrated.close()
    }
  })
})
