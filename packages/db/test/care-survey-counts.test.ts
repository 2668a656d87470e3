import { sql } from "drizzle-orm"
import { Temporal } from "temporal-polyfill"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { surveyDeadlinesOf } from "../src/care/agenda.js"
import { confirmSurveyBranch, createSurvey, surveyTalliesInScope } from "../src/care/ledger.js"
import { type Database, rowsOf } from "../src/database.js"
import { insertOrg, moveOrg } from "../src/org-tree.js"
import { type Scope, withScope } from "../src/platform/scope.js"
import { withoutScopeCondition } from "../src/testing.js"
import { unwrap } from "./suite/context.js"
import { backends } from "./support/backends.js"

// A survey's branches counted where they are written (migration care_survey_stored_counts): the stored counts kept
// by the triggers, and the counts the agenda and the dashboard show for each scope, against the branch rows counted
// one by one — after confirmations, and after branches move out of (and back into) the running organization.

const day = (s: string) => Temporal.PlainDate.from(s)

const tree = async (owner: Database) => {
  await owner.db.transaction(async (tx) => {
    const orgs: Parameters<typeof insertOrg>[1][] = [
      { id: "s_d", kind: "district-committee", name: "区委" },
      { id: "s_c1", parentId: "s_d", kind: "township-committee", name: "一镇" },
      { id: "s_c2", parentId: "s_d", kind: "township-committee", name: "二镇" },
      { id: "s_g1", parentId: "s_c1", kind: "general-branch", name: "一总支" },
      { id: "s_b1", parentId: "s_c1", kind: "branch", name: "一支部" },
      { id: "s_b2", parentId: "s_c1", kind: "branch", name: "二支部" },
      { id: "s_b3", parentId: "s_g1", kind: "branch", name: "三支部" },
      { id: "s_b4", parentId: "s_c2", kind: "branch", name: "四支部" },
    ]
    for (const org of orgs) unwrap(await insertOrg(tx, org))
  })
}

const district: Scope = { orgId: "s_d", orgPath: "s_d" }
const c1: Scope = { orgId: "s_c1", orgPath: "s_d.s_c1" }
const scopeOf = async (db: Database["db"], orgId: string): Promise<Scope> => {
  const [row] = rowsOf<{ path: string }>(
    await withScope(db, district, (tx) => tx.execute(sql`select path from orgs where id = ${orgId}`)),
  )
  if (row === undefined) throw new Error(`no org ${orgId}`)
  return { orgId, orgPath: row.path }
}

describe.each(backends)("a survey's stored branch counts on $name", (backend) => {
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

  /** Each survey's branches in the scope and the confirmed ones, counted row by row (the query before the counts). */
  const countedRowByRow = async (scope: Scope) =>
    rowsOf<{ id: string; branches: number; confirmed: number }>(
      await withScope(db(), scope, (tx) =>
        tx.execute(sql`
          select b.survey_id as id, count(*)::int as branches, count(b.confirmed_on)::int as confirmed
          from care_survey_branches b join orgs o on o.id = b.org_id
          where o.path = ${scope.orgPath} or (o.path ~>=~ ${`${scope.orgPath}.`} and o.path ~<~ ${`${scope.orgPath}/`})
          group by b.survey_id`),
      ),
    )

  const stored = async () =>
    rowsOf<{ title: string; branch_count: number; confirmed_count: number; branches_elsewhere: number }>(
      await withScope(db(), district, (tx) =>
        tx.execute(
          sql`select title, branch_count, confirmed_count, branches_elsewhere from care_surveys order by title`,
        ),
      ),
    )

  /** Every scope's agenda and tallies against the row-by-row count. */
  const agreeEverywhere = async () => {
    for (const orgId of ["s_d", "s_c1", "s_c2", "s_g1", "s_b1", "s_b2", "s_b3", "s_b4"]) {
      const scope = await scopeOf(db(), orgId)
      const expected = await countedRowByRow(scope)
      const byId = new Map(expected.map((r) => [r.id, r]))
      const tallies = await withScope(db(), scope, (tx) => surveyTalliesInScope(tx, scope))
      expect(tallies.map((t) => [t.id, t.branches, t.confirmed]).sort(), `tallies for ${orgId}`).toEqual(
        expected.map((r) => [r.id, r.branches, r.confirmed]).sort(),
      )
      const due = await withScope(db(), scope, (tx) =>
        surveyDeadlinesOf(tx, scope, day("2026-12-01"), day("2026-12-31"), 10),
      )
      expect(due.map((d) => [d.id, d.branches, d.confirmed]).sort(), `agenda for ${orgId}`).toEqual(
        expected
          .filter((r) => r.confirmed < r.branches)
          .map((r) => [r.id, r.branches, r.confirmed])
          .sort(),
      )
      for (const d of due) expect(byId.get(d.id)).toBeDefined()
    }
  }

  it("follow the branch rows, confirmations and moves, and every scope reads the row-by-row counts", async () => {
    const [town, whole] = await withScope(db(), district, async (tx) => [
      await createSurvey(tx, district, {
        orgId: "s_c1",
        year: 2026,
        title: "a 一镇摸底",
        startsOn: day("2026-11-01"),
        deadline: day("2026-12-15"),
        recordedBy: null,
      }),
      await createSurvey(tx, district, {
        orgId: "s_d",
        year: 2026,
        title: "b 全区摸底",
        startsOn: day("2026-11-01"),
        deadline: day("2026-12-20"),
        recordedBy: null,
      }),
      await createSurvey(tx, district, {
        orgId: "s_g1",
        year: 2026,
        title: "c 一总支摸底",
        startsOn: day("2026-11-01"),
        deadline: day("2026-12-10"),
        recordedBy: null,
      }),
    ])
    if (town === undefined || whole === undefined) throw new Error("no survey")
    expect(await stored()).toEqual([
      { title: "a 一镇摸底", branch_count: 3, confirmed_count: 0, branches_elsewhere: 0 },
      { title: "b 全区摸底", branch_count: 4, confirmed_count: 0, branches_elsewhere: 0 },
      { title: "c 一总支摸底", branch_count: 1, confirmed_count: 0, branches_elsewhere: 0 },
    ])
    await agreeEverywhere()

    const b1 = await scopeOf(db(), "s_b1")
    await withScope(db(), b1, (tx) => confirmSurveyBranch(tx, b1, town.id, "s_b1", day("2026-11-20"), null))
    await withScope(db(), b1, (tx) => confirmSurveyBranch(tx, b1, whole.id, "s_b1", day("2026-11-20"), null))
    // Confirming again (another day) changes no count.
    await withScope(db(), b1, (tx) => confirmSurveyBranch(tx, b1, whole.id, "s_b1", day("2026-11-21"), null))
    expect(await stored()).toEqual([
      { title: "a 一镇摸底", branch_count: 3, confirmed_count: 1, branches_elsewhere: 0 },
      { title: "b 全区摸底", branch_count: 4, confirmed_count: 1, branches_elsewhere: 0 },
      { title: "c 一总支摸底", branch_count: 1, confirmed_count: 0, branches_elsewhere: 0 },
    ])
    await agreeEverywhere()

    // 二支部 and the general branch (with 三支部) move to 二镇: out of 一镇's survey, still inside the district's; the
    // general branch's own survey moves with its running organization.
    await withScope(db(), district, async (tx) => {
      unwrap(await moveOrg(tx, { id: "s_b2", newParentId: "s_c2" }))
      unwrap(await moveOrg(tx, { id: "s_g1", newParentId: "s_c2" }))
    })
    expect(await stored()).toEqual([
      { title: "a 一镇摸底", branch_count: 3, confirmed_count: 1, branches_elsewhere: 2 },
      { title: "b 全区摸底", branch_count: 4, confirmed_count: 1, branches_elsewhere: 0 },
      { title: "c 一总支摸底", branch_count: 1, confirmed_count: 0, branches_elsewhere: 0 },
    ])
    await agreeEverywhere()
    // 一镇 now counts only 一支部 of its own survey (confirmed): nothing of it is left to do in its agenda.
    expect(
      await withScope(db(), c1, (tx) => surveyDeadlinesOf(tx, c1, day("2026-12-01"), day("2026-12-31"), 10)),
    ).toEqual([])

    // One comes back, then the other.
    await withScope(db(), district, async (tx) =>
      unwrap(await moveOrg(tx, { id: "s_b2", newParentId: "s_c1" })),
    )
    expect((await stored())[0]).toMatchObject({ title: "a 一镇摸底", branches_elsewhere: 1 })
    await agreeEverywhere()
    await withScope(db(), district, async (tx) =>
      unwrap(await moveOrg(tx, { id: "s_g1", newParentId: "s_c1" })),
    )
    expect(await stored()).toEqual([
      { title: "a 一镇摸底", branch_count: 3, confirmed_count: 1, branches_elsewhere: 0 },
      { title: "b 全区摸底", branch_count: 4, confirmed_count: 1, branches_elsewhere: 0 },
      { title: "c 一总支摸底", branch_count: 1, confirmed_count: 0, branches_elsewhere: 0 },
    ])
    await agreeEverywhere()
  })

  it("with the scope condition off, row-level security alone keeps another scope's branches out of the counts", async () => {
    const b4 = await scopeOf(db(), "s_b4")
    const expected = await countedRowByRow(b4)
    const seen = await withoutScopeCondition(() => withScope(db(), b4, (tx) => surveyTalliesInScope(tx, b4)))
    expect(seen.map((t) => [t.id, t.branches, t.confirmed]).sort()).toEqual(
      expected.map((r) => [r.id, r.branches, r.confirmed]).sort(),
    )
    expect(seen.every((t) => t.branches === 1)).toBe(true)
  })

  it("the app role cannot stop the counting: the triggers' functions run as their owner", async () => {
    const b3 = await scopeOf(db(), "s_b3")
    const before = await stored()
    const [s] = await withScope(db(), b3, (tx) => surveyTalliesInScope(tx, b3))
    if (s === undefined) throw new Error("b3 takes part in no survey")
    await withScope(db(), b3, (tx) => confirmSurveyBranch(tx, b3, s.id, "s_b3", day("2026-11-25"), null))
    const after = await stored()
    expect(after.reduce((n, r) => n + r.confirmed_count, 0)).toBe(
      before.reduce((n, r) => n + r.confirmed_count, 0) + 1,
    )
    await agreeEverywhere()
  })

  it("the app role cannot write the counts: an UPDATE is refused, a new survey's counts start at 0", async () => {
    const before = await stored()
    const refusal = await withScope(db(), district, (tx) =>
      tx.execute(sql`update care_surveys set confirmed_count = branch_count`),
    ).then(
      () => "written",
      (e: unknown) => String(e instanceof Error && e.cause instanceof Error ? e.cause.message : e),
    )
    expect(refusal).toBe("permission denied for table care_surveys")
    expect(await stored()).toEqual(before)
    // Counts given with a new survey are not kept: it has no branch rows yet.
    await withScope(db(), district, (tx) =>
      tx.execute(sql`insert into care_surveys
        (id, org_id, org_name, year, title, starts_on, deadline, branch_count, confirmed_count, branches_elsewhere)
        values (gen_random_uuid(), 's_d', '区委', 2027, 'd 伪造的摸底', '2027-01-04', '2027-02-01', 9, 9, 9)`),
    )
    expect((await stored()).find((r) => r.title === "d 伪造的摸底")).toEqual({
      title: "d 伪造的摸底",
      branch_count: 0,
      confirmed_count: 0,
      branches_elsewhere: 0,
    })
    await agreeEverywhere()
  })
})
