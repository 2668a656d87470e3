import { sql } from "drizzle-orm"
import { Temporal } from "temporal-polyfill"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appendAudit } from "../src/audit.js"
import { writeVisitPlan, writeVisits } from "../src/care/visits.js"
import { type Database, rowsOf, type XfDb } from "../src/database.js"
import { savePipelineIndex } from "../src/development/pipeline-index.js"
import { writeMeetings } from "../src/discipline/meetings.js"
import { insertOrg } from "../src/org-tree.js"
import { insertMember } from "../src/platform/members.js"
import { asSystem, withScope } from "../src/platform/scope.js"
import {
  careVisits,
  careVisitTargets,
  developmentPipelineItems,
  disciplineAttendance,
  disciplineBasisStamps,
  disciplineDraws,
  disciplineFindings,
  disciplineMeetings,
  disciplineOrders,
  disciplineTalks,
  members,
  orgs,
} from "../src/schema/index.js"
import { testVault, unwrap } from "./suite/context.js"
import { backends } from "./support/backends.js"
import { bareSitting } from "./support/sittings.js"

// Row-level security (migration 0004) binds the `xianfeng_app` role the API's queries take; it never binds a
// superuser or the tables' owner. PGlite always runs as a superuser, so a default PGlite database has this wall
// switched off; here it takes `xianfeng_app` with SET ROLE, as a PostgreSQL deployment connects as it.

const tree = async (owner: Database) => {
  await owner.db.transaction(async (tx) => {
    unwrap(await insertOrg(tx, { id: "r_d", kind: "district-committee", name: "区委" }))
    unwrap(await insertOrg(tx, { id: "r_c1", parentId: "r_d", kind: "township-committee", name: "一镇" }))
    unwrap(await insertOrg(tx, { id: "r_c1x", parentId: "r_d", kind: "working-committee", name: "工委" }))
    unwrap(await insertOrg(tx, { id: "r_b1", parentId: "r_c1", kind: "branch", name: "一支部" }))
    unwrap(await insertOrg(tx, { id: "r_b2", parentId: "r_c1x", kind: "branch", name: "二支部" }))
    const ids: string[] = []
    for (const orgId of ["r_b1", "r_b2"]) {
      const member = await insertMember(tx, testVault, {
        orgId,
        name: "张三",
        sex: "male",
        birthDate: Temporal.PlainDate.from("1980-02-29"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "worker",
        stage: "full",
        admittedOn: Temporal.PlainDate.from("2005-07-01"),
      })
      ids.push(member.id)
    }
    // (The database holds a talk between any two members; that both are of the branch is the route's check.)
    await disciplineRows(tx, "r_b1", ids[0] ?? "", ids[1] ?? "")
    await disciplineRows(tx, "r_b2", ids[1] ?? "", ids[0] ?? "")
    // One stored pipeline step of each member (the steps take the member's organization).
    await savePipelineIndex(
      tx,
      ids.map((memberId) => ({
        memberId,
        memberVersion: 1,
        evaluatedOn: Temporal.PlainDate.from("2026-11-27"),
        recheckOn: Temporal.PlainDate.from("2026-12-27"),
        items: [{ step: "assessment", state: "due" as const, dueBy: "2026-12-10" }],
      })),
    )
  })
}

/** One row of every discipline table for the branch `orgId` (the meeting attended by `memberId`). */
const disciplineRows = async (tx: XfDb, orgId: string, memberId: string, otherId: string) => {
  const on = Temporal.PlainDate.from("2026-10-15")
  const recordedAt = new Date("2026-10-15T08:00:00Z")
  const [meeting] = await writeMeetings(tx, [
    bareSitting(orgId, on.toString(), {
      types: ["theme-day"],
      recorder: "委员",
      expectedFull: 1,
      presentFull: 1,
      attendance: [{ memberId, present: true, reason: "" }],
      recordedAt,
    }),
  ])
  if (meeting === undefined) throw new Error("no meeting")
  const [draw] = await tx
    .insert(disciplineDraws)
    .values({
      orgId,
      title: "抽查",
      seed: "s",
      algorithm: "xf-draw-1",
      size: 1,
      stratify: false,
      exclude: null,
      candidates: [{ id: orgId }],
      sample: [orgId],
      excluded: [],
      drawnOn: on,
      recordedBy: null,
      recordedAt,
    })
    .returning()
  const [finding] = await tx
    .insert(disciplineFindings)
    .values({
      drawId: draw?.id ?? null,
      orgId,
      obligation: "theme-day",
      period: "2026-09",
      evidence: "无记录",
      severity: "minor",
      foundOn: on,
      recordedBy: null,
      recordedAt,
    })
    .returning()
  if (finding === undefined) throw new Error("no finding")
  await tx.insert(disciplineOrders).values({
    findingId: finding.id,
    orgId,
    owner: "书记",
    issuedOn: on,
    deadline: on.add({ days: 60 }),
    state: "open",
    escalationPath: [],
  })
  await tx.insert(disciplineTalks).values({
    orgId,
    pair: "member-member",
    onDate: on,
    firstMemberId: memberId,
    secondMemberId: otherId,
    topic: "",
    recordedBy: null,
    recordedAt,
  })
}

/** The database's own message for a refused query (drizzle wraps it as the cause). */
const refusal = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work
  } catch (e) {
    return e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e)
  }
  return "not refused"
}

const c1 = { orgId: "r_c1", orgPath: "r_d.r_c1" }

/** The tree in a fresh database of `backend` for the suite, its `db` acting as `xianfeng_app`. */
const treeAsRole = (backend: (typeof backends)[number]): (() => XfDb) => {
  let app: Database | undefined
  beforeAll(async () => {
    app = await backend.open({ role: "xianfeng_app", ownerSetup: tree })
  })
  afterAll(async () => {
    await app?.close()
  })
  return () => {
    if (app === undefined) throw new Error("database not open")
    return app.db
  }
}

/** How many rows a write changed, as either driver reports it. */
const affected = (result: unknown): number | undefined =>
  (result as { rowCount?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows

describe.each(backends)("row-level security on $name", (backend) => {
  const db = treeAsRole(backend)

  it("acts as a role that is neither superuser nor owner", async () => {
    const [who] = rowsOf<{ role: string; su: boolean }>(
      await db().execute(
        sql`select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as su`,
      ),
    )
    expect(who).toEqual({ role: "xianfeng_app", su: false })
  })

  it("shows a transaction without a scope no scoped row", async () => {
    expect(await db().select({ id: orgs.id }).from(orgs)).toEqual([])
    expect(await db().select({ id: members.id }).from(members)).toEqual([])
  })

  it("shows a scoped transaction its subtree only, without a condition in the query", async () => {
    const seen = await withScope(db(), c1, (tx) => tx.select({ id: orgs.id }).from(orgs).orderBy(orgs.id))
    // r_c1x shares r_c1's prefix: the range condition, not a LIKE, keeps it out.
    expect(seen.map((o) => o.id)).toEqual(["r_b1", "r_c1"])
    const memberOrgs = await withScope(db(), c1, (tx) => tx.select({ orgId: members.orgId }).from(members))
    expect(memberOrgs).toEqual([{ orgId: "r_b1" }])
  })

  it("refuses to write a row outside the scope and leaves one outside it unchanged", async () => {
    expect(
      await refusal(
        withScope(db(), c1, (tx) =>
          tx.execute(sql`update members set org_id = 'r_b2' where org_id = 'r_b1'`),
        ),
      ),
    ).toMatch(/row-level security/)
    const changed = await withScope(db(), c1, (tx) =>
      tx.execute(sql`update members set phone = '13900000000' where org_id = 'r_b2'`),
    )
    expect(affected(changed)).toBe(0)
    const phones = await asSystem(db(), (tx) => tx.select({ phone: members.phone }).from(members))
    expect(phones.map((p) => p.phone)).toEqual([null, null])
  })

  it("shows a scoped transaction the discipline rows of its subtree only, and none without a scope", async () => {
    const tables = [
      ["discipline_meetings", disciplineMeetings.orgId],
      ["discipline_draws", disciplineDraws.orgId],
      ["discipline_findings", disciplineFindings.orgId],
      ["discipline_orders", disciplineOrders.orgId],
      ["discipline_talks", disciplineTalks.orgId],
    ] as const
    for (const [name, orgId] of tables) {
      const table = orgId.table
      expect(await db().select({ orgId }).from(table), `${name} unscoped`).toEqual([])
      const seen = await withScope(db(), c1, (tx) => tx.select({ orgId }).from(table))
      expect(seen, name).toEqual([{ orgId: "r_b1" }])
      const all = await asSystem(db(), (tx) => tx.select({ orgId }).from(table))
      expect(all, `${name} as system`).toHaveLength(2)
    }
    const attendance = await withScope(db(), c1, (tx) =>
      tx.select({ memberId: disciplineAttendance.memberId }).from(disciplineAttendance),
    )
    expect(attendance).toHaveLength(1)
    expect(await db().select().from(disciplineAttendance)).toEqual([])
  })

  it("refuses to move a discipline row out of the scope, and leaves another subtree's rows unchanged", async () => {
    for (const table of [
      "discipline_meetings",
      "discipline_findings",
      "discipline_orders",
      "discipline_talks",
    ]) {
      expect(
        await refusal(
          withScope(db(), c1, (tx) =>
            tx.execute(sql`update ${sql.identifier(table)} set org_id = 'r_b2' where org_id = 'r_b1'`),
          ),
        ),
        table,
      ).toMatch(/row-level security/)
    }
    await withScope(db(), c1, (tx) =>
      tx.execute(sql`update discipline_orders set owner = '改' where org_id = 'r_b2'`),
    )
    const owners = await asSystem(db(), (tx) =>
      tx.select({ owner: disciplineOrders.owner }).from(disciplineOrders),
    )
    expect(owners.map((o) => o.owner)).toEqual(["书记", "书记"])
  })

  it("bumps the basis stamp of each (organization, year) a sitting or talk write touches, within the writer's scope", async () => {
    // The owner's setup wrote one sitting and one talk of each branch in 2026 (statement triggers: a stamp per
    // organization and year and statement, whoever writes).
    const stamps = () =>
      asSystem(db(), async (tx) =>
        Object.fromEntries(
          (await tx.select().from(disciplineBasisStamps)).map((r) => [`${r.orgId}/${r.year}`, r.stamp]),
        ),
      )
    const before = await stamps()
    expect(Object.keys(before).sort()).toEqual(["r_b1/2026", "r_b2/2026"])
    expect(await db().select().from(disciplineBasisStamps), "unscoped").toEqual([])
    // An edit by the branch's scope (row-level security on): its stamp moves on, the other branch's does not.
    await withScope(db(), c1, (tx) =>
      tx.execute(sql`update discipline_meetings set place = '会议室' where org_id = 'r_b1'`),
    )
    let now = await stamps()
    expect(now["r_b1/2026"]).toBe((before["r_b1/2026"] ?? 0) + 1)
    expect(now["r_b2/2026"]).toBe(before["r_b2/2026"])
    // A talk moved to another year bumps the year it leaves and the year it enters; a delete bumps its year.
    await withScope(db(), c1, (tx) =>
      tx.execute(sql`update discipline_talks set on_date = '2025-12-30' where org_id = 'r_b1'`),
    )
    now = await stamps()
    expect(now["r_b1/2026"]).toBe((before["r_b1/2026"] ?? 0) + 2)
    expect(now["r_b1/2025"]).toBe(1)
    await withScope(db(), c1, (tx) => tx.execute(sql`delete from discipline_talks where org_id = 'r_b1'`))
    expect((await stamps())["r_b1/2025"]).toBe(2)
    expect(await withScope(db(), c1, (tx) => tx.select().from(disciplineBasisStamps))).toHaveLength(2)
  })

  it("shows a scoped transaction the pipeline's steps of its own members only, whatever organization a step names", async () => {
    const items = developmentPipelineItems
    const steps = (tx: XfDb) => tx.select({ orgId: items.orgId }).from(items)
    expect(await steps(db()), "unscoped").toEqual([])
    expect(await withScope(db(), c1, steps)).toEqual([{ orgId: "r_b1" }])
    expect(await asSystem(db(), steps)).toHaveLength(2)
    // The policy follows the step's member (0052), not the organization stored on the step: a step stored under
    // the wrong organization (r_b2's member's under r_b1, by hand) stays out of r_c1's sight.
    await asSystem(db(), (tx) =>
      tx.execute(sql`update development_pipeline_items set org_id = 'r_b1' where org_id = 'r_b2'`),
    )
    try {
      expect(await withScope(db(), c1, steps)).toEqual([{ orgId: "r_b1" }])
    } finally {
      await asSystem(db(), (tx) =>
        tx.execute(
          sql`update development_pipeline_items i set org_id = m.org_id from members m where m.id = i.member_id`,
        ),
      )
    }
    expect(await asSystem(db(), steps)).toEqual(
      expect.arrayContaining([{ orgId: "r_b1" }, { orgId: "r_b2" }]),
    )
  })

  it("bumps the compliance basis stamp when the app role writes a sitting, and refuses it a write of the stamp itself", async () => {
    // 0089: 0039's trigger runs as the owner; the app role only reads the stamps.
    const stamp = async () =>
      rowsOf<{ stamp: number }>(
        await asSystem(db(), (tx) =>
          tx.execute(sql`select stamp from discipline_basis_stamps where org_id = 'r_b1' and year = 2026`),
        ),
      ).map((r) => Number(r.stamp))
    const [before] = await stamp()
    expect(before).toBeGreaterThan(0)
    await withScope(db(), c1, (tx) =>
      tx.execute(sql`update discipline_meetings set place = place || '。' where org_id = 'r_b1'`),
    )
    expect(await stamp()).toEqual([(before ?? 0) + 1])
    for (const write of [
      sql`insert into discipline_basis_stamps (org_id, year) values ('r_b1', 2030)`,
      sql`update discipline_basis_stamps set stamp = 0`,
      sql`delete from discipline_basis_stamps`,
    ]) {
      expect(await refusal(asSystem(db(), (tx) => tx.execute(write)))).toMatch(/permission denied/)
      expect(await refusal(withScope(db(), c1, (tx) => tx.execute(write)))).toMatch(/permission denied/)
    }
    expect(await stamp()).toEqual([(before ?? 0) + 1])
  })

  it("keeps the study stamps' and index's organization their member's, whoever writes it, and shows a scope its own", async () => {
    // 0087: the database writes org_id (a wrong one by hand is corrected), moves it with the member, and the
    // policies read it as a set; 0088: the stamps are the triggers' to write.
    const orgsOf = (table: "education_study_stamps" | "education_study_index") => async (tx: XfDb) =>
      rowsOf<{ org: string; own: string }>(
        await tx.execute(
          sql`select t.org_id as org, m.org_id as own from ${sql.raw(table)} t join members m on m.id = t.member_id
              order by m.org_id`,
        ),
      )
    const stamps = orgsOf("education_study_stamps")
    const index = orgsOf("education_study_index")
    const [b2] = await asSystem(db(), (tx) =>
      tx.select({ id: members.id }).from(members).where(sql`org_id = 'r_b2'`),
    )
    const mover = b2?.id ?? ""
    // The stamps are the triggers' alone (0088): the app role may not write them, even as system work.
    for (const write of [
      sql`insert into education_study_stamps (member_id, org_id) select id, 'r_c1x' from members`,
      sql`update education_study_stamps set stamp = 0, org_id = 'r_c1x'`,
      sql`delete from education_study_stamps`,
    ])
      expect(await refusal(asSystem(db(), (tx) => tx.execute(write)))).toMatch(/permission denied/)
    await asSystem(db(), async (tx) => {
      await tx.execute(sql`insert into education_study_index (member_id, year, stamp, basis, present, class_tenths,
          meeting_tenths, online_tenths, class_person_times, central, months, org_id)
        select id, 2026, 1, 'b', true, 0, 0, 0, 0, '{}', array_fill(0, array[24]), 'r_c1x' from members`)
    })
    try {
      const all = [
        { org: "r_b1", own: "r_b1" },
        { org: "r_b2", own: "r_b2" },
      ]
      // The setup's roll calls bumped their members' stamps: each holds its member's organization.
      const bumped = await asSystem(db(), stamps)
      expect(bumped.length).toBeGreaterThan(0)
      expect(bumped.filter((r) => r.org !== r.own)).toEqual([])
      expect(await asSystem(db(), index)).toEqual(all)
      expect(await stamps(db()), "unscoped").toEqual([])
      expect(await withScope(db(), c1, stamps)).toEqual(bumped.filter((r) => r.own === "r_b1"))
      expect(await withScope(db(), c1, index)).toEqual([{ org: "r_b1", own: "r_b1" }])
      // Set by hand to another organization: the row keeps its member's.
      await asSystem(db(), (tx) => tx.execute(sql`update education_study_index set org_id = 'r_c1x'`))
      expect(await asSystem(db(), index)).toEqual(all)
      // The member of r_b2 moves into r_b1: their rows come along (the stamp by its bump, the index by the move).
      await asSystem(db(), (tx) =>
        tx.execute(sql`update members set org_id = 'r_b1' where id = ${mover}::uuid`),
      )
      const moved = [
        { org: "r_b1", own: "r_b1" },
        { org: "r_b1", own: "r_b1" },
      ]
      const moverStamp = (tx: XfDb) =>
        tx.execute(sql`select org_id as org from education_study_stamps where member_id = ${mover}::uuid`)
      expect(rowsOf(await withScope(db(), c1, moverStamp))).toEqual([{ org: "r_b1" }])
      expect(await withScope(db(), c1, index)).toEqual(moved)
    } finally {
      await asSystem(db(), async (tx) => {
        await tx.execute(sql`update members set org_id = 'r_b2' where id = ${mover}::uuid`)
        await tx.execute(sql`delete from education_study_index`)
      })
    }
  })

  it("shows a scope the festival visits of its own organizations only, and refuses to record one for another's", async () => {
    const ids = await asSystem(db(), async (tx) => {
      const people = await tx
        .select({ id: members.id, orgId: members.orgId })
        .from(members)
        .orderBy(members.orgId)
      const { plan, targets } = await writeVisitPlan(
        tx,
        {
          orgId: "r_d",
          festival: "spring-festival",
          year: 2027,
          title: "春节走访",
          festivalOn: Temporal.PlainDate.from("2027-02-06"),
          deadline: Temporal.PlainDate.from("2027-02-05"),
          budgetFen: 0,
          fundSource: "",
          recordedBy: null,
        },
        people.map((m) => ({
          orgId: m.orgId,
          entryId: null,
          memberId: m.id,
          personName: "张三",
          categories: ["pre-1949"],
          leader: "",
        })),
      )
      await writeVisits(
        tx,
        targets.map((t) => ({
          planId: plan.id,
          targetId: t.id,
          visitedOn: Temporal.PlainDate.from("2027-02-01"),
          visitors: ["书记"],
          help: "",
          amountFen: 100,
          recordedBy: null,
        })),
      )
      return { plan: plan.id, other: targets.find((t) => t.orgId === "r_b2")?.id ?? "" }
    })
    const seen = await withScope(db(), c1, async (tx) => ({
      targets: (await tx.select({ orgId: careVisitTargets.orgId }).from(careVisitTargets)).map(
        (t) => t.orgId,
      ),
      visits: (await tx.select({ targetId: careVisits.targetId }).from(careVisits)).length,
    }))
    expect(seen).toEqual({ targets: ["r_b1"], visits: 1 })
    expect(await db().select({ id: careVisits.id }).from(careVisits)).toEqual([])
    expect(
      await refusal(
        withScope(db(), c1, (tx) =>
          tx.execute(
            sql`insert into care_visit_targets (id, plan_id, org_id, person_name, categories) values (gen_random_uuid(), ${ids.plan}::uuid, 'r_b2', '李四', '[]'::jsonb)`,
          ),
        ),
      ),
    ).toMatch(/row-level security/)
    const changed = await withScope(db(), c1, (tx) =>
      tx.execute(sql`update care_visits set help = '改' where target_id = ${ids.other}::uuid`),
    )
    expect(affected(changed)).toBe(0)
  })

  it("lets system work (sign-in lookups) see every row, explicitly", async () => {
    const all = await asSystem(db(), (tx) => tx.select({ id: orgs.id }).from(orgs))
    expect(all).toHaveLength(5)
  })

  it("lets the role append to the audit log but never change it, trigger or not", async () => {
    await db().transaction((tx) => appendAudit(tx, { action: "member.read", result: "ok" }))
    expect(
      await refusal(db().execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)),
    ).toMatch(/must be owner/)
    expect(await refusal(db().execute(sql`delete from audit_log`))).toMatch(/permission denied/)
    expect(await refusal(db().execute(sql`update audit_log set result = 'x'`))).toMatch(/permission denied/)
  })
})

describe("PGlite without a role", () => {
  it("runs as a superuser, whom row-level security does not bind: there the scope condition is the one wall", async () => {
    const [pglite] = backends
    if (pglite === undefined) throw new Error("no backend")
    const database = await pglite.open({ ownerSetup: tree })
    try {
      const [who] = rowsOf<{ su: boolean }>(
        await database.db.execute(sql`select rolsuper as su from pg_roles where rolname = current_user`),
      )
      expect(who?.su).toBe(true)
      expect(await database.db.select({ id: orgs.id }).from(orgs)).toHaveLength(5)
    } finally {
      await database.close()
    }
  })
})

// Migration 0079: a scope that is the path of the database's only root organization holds every row, so the
// policies let its rows through without checking each row's organization (`xianfeng.scope_whole`); a second
// district, or a scope below the root, keeps the per-row check.
describe.each(backends)("a scope that holds the whole database, on $name", (backend) => {
  const db = treeAsRole(backend)
  const root = { orgId: "r_d", orgPath: "r_d" }
  const whole = (tx: XfDb) =>
    tx
      .execute(sql`select coalesce(current_setting('xianfeng.scope_whole', true), '') as whole`)
      .then((r) => rowsOf<{ whole: string }>(r)[0]?.whole)
  const seen = (tx: XfDb) =>
    Promise.all([
      tx.select({ id: orgs.id }).from(orgs).orderBy(orgs.id),
      tx.select({ orgId: members.orgId }).from(members).orderBy(members.orgId),
    ]).then(([o, m]) => ({ orgs: o.map((r) => r.id), members: m.map((r) => r.orgId) }))

  it("marks the only root's scope whole, and a committee's not, each time a scope is set", async () => {
    expect(await withScope(db(), root, whole)).toBe("on")
    expect(await withScope(db(), c1, whole)).toBe("off")
    // Set again within one transaction, the mark follows the scope.
    const both = await db().transaction(async (tx) => {
      await tx.execute(sql`select xf_set_scope('r_d')`)
      const first = await whole(tx)
      await tx.execute(sql`select xf_set_scope('r_d.r_c1')`)
      return { first, after: await whole(tx), rows: await seen(tx) }
    })
    expect(both).toEqual({ first: "on", after: "off", rows: { orgs: ["r_b1", "r_c1"], members: ["r_b1"] } })
    // The one-statement member read sets its scope, and the mark with it: a committee's read after the root's in
    // one transaction finds no member of another committee by row-level security alone (no scope condition).
    const narrowed = await db().transaction(async (tx) => {
      await tx.execute(sql`select xf_set_scope('r_d')`)
      const [other] = rowsOf<{ id: string }>(
        await tx.execute(sql`select id from members where org_id = 'r_b2'`),
      )
      const found = rowsOf<{ mem: unknown }>(
        await tx.execute(
          sql`select r.mem from xf_member_read((select n from auth_epoch where id = 1), 'r_d.r_c1', false, ${other?.id ?? null}::uuid) r where r.mem is not null`,
        ),
      )
      return { other: other !== undefined, found: found.length, after: await whole(tx) }
    })
    expect(narrowed).toEqual({ other: true, found: 0, after: "off" })
    // The mark ends with its transaction.
    expect(await whole(db())).toBe("")
    expect(await db().select({ id: orgs.id }).from(orgs)).toEqual([])
  })

  it("shows the whole scope every row and lets it write any, as the per-row check did", async () => {
    expect(await withScope(db(), root, seen)).toEqual({
      orgs: ["r_b1", "r_b2", "r_c1", "r_c1x", "r_d"],
      members: ["r_b1", "r_b2"],
    })
    const changed = await withScope(db(), root, (tx) =>
      tx.execute(sql`update members set phone = '13900000001' where org_id = 'r_b2'`),
    )
    expect(affected(changed)).toBe(1)
  })

  it("keeps the per-row check once the database holds a second district: its rows stay out of the first's scope", async () => {
    await asSystem(db(), async (tx) => {
      unwrap(await insertOrg(tx, { id: "r_e", kind: "district-committee", name: "另一区委" }))
      unwrap(await insertOrg(tx, { id: "r_e1", parentId: "r_e", kind: "branch", name: "另一支部" }))
      await insertMember(tx, testVault, {
        orgId: "r_e1",
        name: "李四",
        sex: "female",
        birthDate: Temporal.PlainDate.from("1990-05-01"),
        ethnicity: "01",
        education: "21",
        occupationGroup: "worker",
        stage: "full",
        admittedOn: Temporal.PlainDate.from("2015-07-01"),
      })
    })
    expect(await withScope(db(), root, whole)).toBe("off")
    expect(await withScope(db(), root, seen)).toEqual({
      orgs: ["r_b1", "r_b2", "r_c1", "r_c1x", "r_d"],
      members: ["r_b1", "r_b2"],
    })
    expect(await withScope(db(), { orgId: "r_e", orgPath: "r_e" }, seen)).toEqual({
      orgs: ["r_e", "r_e1"],
      members: ["r_e1"],
    })
    const changed = await withScope(db(), root, (tx) =>
      tx.execute(sql`update members set phone = '13900000002' where org_id = 'r_e1'`),
    )
    expect(affected(changed)).toBe(0)
  })
})
