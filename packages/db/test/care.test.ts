import { date } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  arrearsComputedInScope,
  confirmSurveyBranch,
  createSurvey,
  createVisitPlan,
  type Database,
  duesArrearsOf,
  duesArrearsPageInScope,
  duesHistoriesOf,
  duesSheetInScope,
  duesSheetPageInScope,
  ledgerInScope,
  NotInScope,
  recordLedgerEvent,
  rowsOf,
  surveyInScope,
  visitDeadlinesOf,
  visitPlanInScope,
  visitRegisterInScope,
  visitTargetInScope,
  writeDuesAssessments,
  writeDuesPayments,
  writeVisits,
} from "../src/index.js"
import { careVisitPlans } from "../src/schema/index.js"
import { testBackends } from "../src/testing.js"
import { seedTwoCommittees } from "./support/two-committees.js"

// The area's queries on every backend: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_care"))("$name", (backend) => {
  let database: Database
  const ids: string[] = []
  let stranger = ""
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      const seeded = await seedTwoCommittees(tx, {
        inB1: ["甲", "乙"],
        inB2: "丙",
        birthDate: date("1940-01-01"),
        fullMemberOn: date("1970-05-01"),
      })
      ids.push(...seeded.ids)
      stranger = seeded.stranger
    })
  })
  afterAll(async () => {
    await database.close()
  })

  const c01 = { orgId: "c01", orgPath: "d1.c01" }
  const d1 = { orgId: "d1", orgPath: "d1" }
  const c02 = { orgId: "c02", orgPath: "d1.c02" }
  const firstPage = { page: 1, pageSize: 20 }
  const recordedAt = new Date("2026-11-30T02:00:00Z")

  it("duesArrearsOf: counts consecutive unpaid months of members in scope, and leaves out the others", async () => {
    const [a, b] = ids as [string, string]
    await writeDuesAssessments(database.db, [
      {
        memberId: a,
        year: 2026,
        category: "salaried",
        baseFen: 500_000,
        basisPoints: 100,
        monthlyFen: 5_000,
        fromMonth: "2026-01",
        recordedBy: null,
      },
      {
        memberId: b,
        year: 2026,
        category: "retiree",
        baseFen: 400_000,
        basisPoints: 50,
        monthlyFen: 2_000,
        fromMonth: "2026-01",
        recordedBy: null,
      },
    ])
    await writeDuesPayments(database.db, [
      ...["01", "02", "03", "04"].map((m) => ({
        memberId: a,
        month: `2026-${m}`,
        amountFen: 5_000,
        paidOn: date(`2026-${m}-10`),
        recordedBy: null,
      })),
      ...["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"].map((m) => ({
        memberId: b,
        month: `2026-${m}`,
        amountFen: 2_000,
        paidOn: date(`2026-${m}-10`),
        recordedBy: null,
      })),
    ])
    const out = await duesArrearsOf(database.db, c01, [a, b, stranger], date("2026-11-30"))
    expect(out.map((r) => [r.memberId, r.consecutiveUnpaid, r.lastPaidThrough?.toString()])).toEqual(
      [
        [a, 6, "2026-04-30"],
        [b, 0, "2026-10-31"],
      ].sort((x, y) => ids.indexOf(x[0] as string) - ids.indexOf(y[0] as string)),
    )
    const sheet = await duesSheetInScope(database.db, c01, { year: 2026, asOf: date("2026-11-30") })
    expect(sheet.find((r) => r.memberId === a)?.months[4]).toEqual({
      month: "2026-05",
      dueFen: 5_000,
      paidFen: 0,
    })
    // The arrears list (who owes, from the stored standings) is the sheet's members with a month owed, read here
    // a row a page; every page carries the whole list's summary.
    const owing = async (asOf: string) => {
      const rows: (string | number)[][] = []
      for (let offset = 0; ; offset++) {
        const page = await duesArrearsPageInScope(database.db, c01, { asOf: date(asOf), offset, limit: 1 })
        expect(page.summary.members).toBe(
          await arrearsComputedInScope(database.db, c01, date(asOf)).then((s) => s.members),
        )
        if (page.rows.length === 0) {
          expect(offset).toBe(page.summary.members)
          break
        }
        rows.push(...page.rows.map((r) => [r.memberId, r.name, r.consecutiveUnpaid, r.owedFen]))
      }
      return rows.sort()
    }
    const fromSheet = async (asOf: string) =>
      (await duesSheetInScope(database.db, c01, { year: 2026, asOf: date(asOf) }))
        .filter((r) => r.standing.arrears.length > 0)
        .map((r) => [r.memberId, r.name, r.standing.consecutiveUnpaid, r.standing.owedFen])
        .sort()
    expect(await owing("2026-11-30")).toEqual(await fromSheet("2026-11-30"))
    expect((await owing("2026-11-30")).map((r) => r[0])).toEqual([a])
    // A payment moves the member's stamp: the stored standing is recomputed, and the list follows.
    await writeDuesPayments(database.db, [
      ...["05", "06", "07", "08", "09", "10"].map((m) => ({
        memberId: a,
        month: `2026-${m}`,
        amountFen: 5_000,
        paidOn: date("2026-11-20"),
        recordedBy: null,
      })),
    ])
    expect(await owing("2026-11-30")).toEqual([])
    // A month later, November has ended unpaid for both.
    expect(await owing("2026-12-02")).toEqual(await fromSheet("2026-12-02"))
    expect((await owing("2026-12-02")).length).toBe(2)
    // A page out of bounds is refused by name before the standings are refreshed: nothing is stored.
    const standings = async () =>
      rowsOf(
        await database.db.execute(sql`select member_id, as_of from care_dues_standings order by member_id`),
      )
    const before = await standings()
    for (const [page, field] of [
      [{ offset: -1, limit: 20 }, "offset"],
      [{ offset: 0.5, limit: 20 }, "offset"],
      [{ offset: 0, limit: 0 }, "limit"],
    ] as const) {
      await expect(
        duesArrearsPageInScope(database.db, c01, { asOf: date("2027-01-05"), ...page }),
      ).rejects.toThrow(new RegExp(`^${field} must be a whole number`))
      await expect(
        duesSheetPageInScope(database.db, c01, { year: 2026, asOf: date("2027-01-05"), ...page }),
      ).rejects.toThrow(new RegExp(`^${field} must be a whole number`))
    }
    expect(before.length).toBeGreaterThan(0)
    expect(await standings()).toEqual(before)
  })

  it("dues are read for more members than one statement could bind (a committee's sheet at the province)", async () => {
    // PostgreSQL's protocol counts a statement's parameters in 16 bits: 65,535 at most.
    const many = Array.from({ length: 70_000 }, () => crypto.randomUUID())
    const [a] = ids as [string]
    const histories = await duesHistoriesOf(database.db, [...many, a])
    expect(histories.size).toBe(70_001)
    expect(histories.get(a)?.assessments.map((x) => x.year)).toEqual([2026])
    expect(histories.get(many[0] as string)?.assessments).toEqual([])
    const out = await duesArrearsOf(database.db, c01, [...many, a], date("2026-11-30"))
    expect(out.map((r) => r.memberId)).toEqual([a])
  })

  it("the ledger as of a past day is its events replayed; a close before the opening is refused", async () => {
    const [a] = ids as [string]
    const entryId = crypto.randomUUID()
    const ev = (kind: "opened" | "closed" | "changed", on: string) => ({
      entryId,
      orgId: "b1",
      memberId: a,
      kind,
      category: kind === "opened" ? ("difficulty" as const) : null,
      onDate: date(on),
      reason: "摸底",
      detail: "大病",
      recordedBy: null,
      recordedAt,
    })
    expect(Result.isSuccess(await recordLedgerEvent(database.db, c01, ev("opened", "2026-03-01")))).toBe(true)
    expect(Result.isSuccess(await recordLedgerEvent(database.db, c01, ev("closed", "2026-09-01")))).toBe(true)
    const bad = await recordLedgerEvent(database.db, c01, ev("changed", "2026-10-01"))
    expect(Result.isFailure(bad) && bad.failure.field).toBe("entryId")
    expect((await ledgerInScope(database.db, c01, { asOf: date("2026-06-01") })).map((e) => e.name)).toEqual([
      "甲",
    ])
    expect(await ledgerInScope(database.db, c01, { asOf: date("2026-10-01") })).toEqual([])
    await expect(
      recordLedgerEvent(database.db, { orgId: "c02", orgPath: "d1.c02" }, ev("closed", "2026-10-01")),
    ).rejects.toBeInstanceOf(NotInScope)
  })

  it("a survey over the branches of the subtree counts entries and reviews, and a branch confirms", async () => {
    const [, b] = ids as [string, string]
    const entryId = crypto.randomUUID()
    await recordLedgerEvent(database.db, c01, {
      entryId,
      orgId: "b1",
      memberId: b,
      kind: "opened",
      category: "old-member",
      onDate: date("2026-01-05"),
      reason: "年满80周岁",
      recordedBy: null,
    })
    const s = await createSurvey(database.db, c01, {
      orgId: "c01",
      year: 2026,
      title: "2026年摸底",
      startsOn: date("2026-11-01"),
      deadline: date("2026-12-15"),
      recordedBy: null,
    })
    expect((await surveyInScope(database.db, c01, s.id)).branches).toEqual([
      { orgId: "b1", orgName: "第一支部", entries: 1, reviewed: 0 },
    ])
    await recordLedgerEvent(database.db, c01, {
      entryId,
      orgId: "b1",
      kind: "confirmed",
      onDate: date("2026-11-20"),
      reason: "仍符合",
      surveyId: s.id,
      recordedBy: null,
    })
    await confirmSurveyBranch(database.db, c01, s.id, "b1", date("2026-11-21"), null)
    expect((await surveyInScope(database.db, c01, s.id)).branches[0]).toMatchObject({
      reviewed: 1,
      confirmedOn: date("2026-11-21"),
    })
    await expect(
      surveyInScope(database.db, { orgId: "c02", orgPath: "d1.c02" }, s.id),
    ).rejects.toBeInstanceOf(NotInScope)
  })

  it("a visit plan's progress counts its visits, and a second visit to a target is refused by the database", async () => {
    const [a] = ids as [string]
    const { plan, targets } = await createVisitPlan(
      database.db,
      c01,
      {
        orgId: "c01",
        festival: "spring-festival",
        year: 2027,
        title: "2027年春节走访",
        festivalOn: date("2027-02-06"),
        deadline: date("2027-02-05"),
        budgetFen: 300_000,
        fundSource: "代中央管理党费",
        recordedBy: null,
      },
      [
        {
          orgId: "b1",
          entryId: null,
          memberId: a,
          personName: "甲",
          categories: ["pre-1949"],
          leader: "王书记",
        },
      ],
    )
    const target = targets[0]?.id as string
    await writeVisits(database.db, [
      {
        planId: plan.id,
        targetId: target,
        visitedOn: date("2026-11-29"),
        visitors: ["王书记"],
        help: "慰问金",
        amountFen: 100_000,
        recordedBy: null,
      },
    ])
    const detail = await visitPlanInScope(database.db, c01, plan.id, firstPage)
    expect(detail.plan).toMatchObject({ targets: 1, visited: 1, spentFen: 100_000 })
    await expect(
      writeVisits(database.db, [
        {
          planId: plan.id,
          targetId: target,
          visitedOn: date("2026-11-29"),
          visitors: ["王书记"],
          help: "",
          amountFen: 0,
          recordedBy: null,
        },
      ]),
    ).rejects.toThrow()
  })
  it("a plan of more targets than one INSERT binds is written whole, in order; a target outside the planner is refused", async () => {
    const plan = {
      orgId: "c01",
      festival: "july-1" as const,
      year: 2027,
      title: "2027年七一走访",
      festivalOn: date("2027-07-01"),
      deadline: date("2027-06-30"),
      budgetFen: 0,
      fundSource: "",
      recordedBy: null,
    }
    const people = Array.from({ length: 10_000 }, (_, i) => ({
      orgId: i % 2 === 0 ? "b1" : "c01",
      entryId: null,
      memberId: null,
      personName: `老党员${i}`,
      categories: ["difficult"],
      leader: "",
    }))
    const { plan: made, targets } = await createVisitPlan(database.db, c01, plan, people)
    expect(targets.map((t) => t.personName)).toEqual(people.map((p) => p.personName))
    expect((await visitRegisterInScope(database.db, c01, made.id)).targets).toHaveLength(10_000)
    expect((await visitPlanInScope(database.db, c01, made.id, firstPage)).total).toBe(10_000)
    const before = await database.db.$count(careVisitPlans)
    await expect(
      createVisitPlan(database.db, c01, { ...plan, title: "越界" }, [
        ...people.slice(0, 3),
        { ...people[0], orgId: "b2" },
      ] as typeof people),
    ).rejects.toMatchObject({ id: "b2" })
    expect(await database.db.$count(careVisitPlans)).toBe(before)
  })

  it("a plan's detail reads more targets than one statement could name (a province's festival plan)", async () => {
    const [a] = ids as [string]
    const { plan, targets } = await createVisitPlan(
      database.db,
      c01,
      {
        orgId: "c01",
        festival: "custom",
        year: 2027,
        title: "2027年重阳走访",
        festivalOn: date("2027-10-08"),
        deadline: date("2027-10-07"),
        budgetFen: 0,
        fundSource: "代中央管理党费",
        recordedBy: null,
      },
      [{ orgId: "b1", entryId: null, memberId: a, personName: "甲", categories: ["pre-1949"], leader: "" }],
    )
    // 70,000 more (families cared for, no member row): past the 65,535 parameters a statement binds.
    await database.db.execute(sql`insert into care_visit_targets (id, plan_id, org_id, person_name, categories)
      select gen_random_uuid(), ${plan.id}::uuid, 'b1', '家属' || g, '["difficult"]'::jsonb from generate_series(1, 70000) g`)
    await writeVisits(database.db, [
      {
        planId: plan.id,
        targetId: targets[0]?.id as string,
        visitedOn: date("2027-10-01"),
        visitors: ["王书记"],
        help: "",
        amountFen: 20_000,
        recordedBy: null,
      },
    ])
    // The register (the export) lists them all; its visits are found without naming the 70,001 ids.
    const register = await visitRegisterInScope(database.db, c01, plan.id)
    expect(register.targets).toHaveLength(70_001)
    expect(
      register.targets.filter((t) => t.visit !== undefined).map((t) => [t.personName, t.visit?.amountFen]),
    ).toEqual([["甲", 20_000]])
    // The screen reads a page: its total counts all of them, the visited filter finds the one visit, and the last
    // page (70,001 = 3,500 × 20 + 1) holds the register's last row.
    const first = await visitPlanInScope(database.db, c01, plan.id, firstPage)
    expect([first.targets.length, first.total, first.plan.targets]).toEqual([20, 70_001, 70_001])
    const visited = await visitPlanInScope(database.db, c01, plan.id, { ...firstPage, visited: true })
    expect(visited.targets.map((t) => [t.personName, t.visit?.amountFen])).toEqual([["甲", 20_000]])
    expect(visited.total).toBe(1)
    expect((await visitPlanInScope(database.db, c01, plan.id, { ...firstPage, visited: false })).total).toBe(
      70_000,
    )
    const last = await visitPlanInScope(database.db, c01, plan.id, { page: 3_501, pageSize: 20 })
    expect(last.targets.map((t) => t.id)).toEqual([register.targets.at(-1)?.id])
    // Another committee sees none of the plan.
    await expect(visitPlanInScope(database.db, c02, plan.id, firstPage)).rejects.toBeInstanceOf(NotInScope)
    await expect(visitRegisterInScope(database.db, c02, plan.id)).rejects.toBeInstanceOf(NotInScope)
  })
  it("a plan's spending adds up past 2^31 fen (a province's festival visits)", async () => {
    const [a, b] = ids as [string, string]
    const { plan, targets } = await createVisitPlan(
      database.db,
      c01,
      {
        orgId: "c01",
        festival: "spring-festival",
        year: 2028,
        title: "2028年春节走访",
        festivalOn: date("2028-01-26"),
        deadline: date("2028-01-25"),
        budgetFen: 2_000_000_000,
        fundSource: "代中央管理党费",
        recordedBy: null,
      },
      [a, b].map((memberId, i) => ({
        orgId: "b1",
        entryId: null,
        memberId,
        personName: i === 0 ? "甲" : "乙",
        categories: ["pre-1949"],
        leader: "王书记",
      })),
    )
    // Each visit fits the column (integer fen); their sum, 3,000,000,000 fen, does not fit a 32-bit integer.
    await writeVisits(
      database.db,
      targets.map((t) => ({
        planId: plan.id,
        targetId: t.id,
        visitedOn: date("2026-11-29"),
        visitors: ["王书记"],
        help: "慰问金",
        amountFen: 1_500_000_000,
        recordedBy: null,
      })),
    )
    const detail = await visitPlanInScope(database.db, c01, plan.id, firstPage)
    expect(detail.plan).toMatchObject({ targets: 2, visited: 2, spentFen: 3_000_000_000 })
  })

  /**
   * A district plan (run by d1) of 14 people: 3 in the committee c01 itself, 7 in its branch b1, 4 in c02's branch
   * b2; names repeat within an organization, so only the id tells their order apart.
   */
  const districtPlan = async (title: string) => {
    const people: [string, string[]][] = [
      ["b1", ["张", "张", "张", "李", "王", "王", "赵"]],
      ["c01", ["刘", "陈", "刘"]],
      ["b2", ["孙", "周", "孙", "吴"]],
    ]
    return createVisitPlan(
      database.db,
      d1,
      {
        orgId: "d1",
        festival: "july-1",
        year: 2029,
        title,
        festivalOn: date("2029-07-01"),
        deadline: date("2029-06-30"),
        budgetFen: 0,
        fundSource: "",
        recordedBy: null,
      },
      people.flatMap(([orgId, names]) =>
        names.map((personName) => ({
          orgId,
          entryId: null,
          memberId: null,
          personName,
          categories: ["difficult"],
          leader: "",
        })),
      ),
    )
  }
  const pagesOf = async (scope: typeof c01, planId: string, pageSize: number, visited?: boolean) => {
    const pages: Awaited<ReturnType<typeof visitPlanInScope>>[] = []
    for (let page = 1; ; page++) {
      const p = await visitPlanInScope(database.db, scope, planId, { page, pageSize, visited })
      pages.push(p)
      if (p.targets.length === 0) return pages
    }
  }

  it("a plan's targets come a page at a time in the register's order (organization, name, id), with the scope's total", async () => {
    const { plan } = await districtPlan("2029年七一走访（分页）")
    const register = (await visitRegisterInScope(database.db, d1, plan.id)).targets
    expect(register).toHaveLength(14)
    // By organization path (c01 before its branch b1, c02's b2 last), then name, then id among the same names.
    const paths = { c01: "d1.c01", b1: "d1.c01.b1", b2: "d1.c02.b2" } as Record<string, string>
    for (const [i, t] of register.entries()) {
      const before = register[i - 1]
      if (before === undefined) continue
      expect((paths[before.orgId] as string) <= (paths[t.orgId] as string)).toBe(true)
      if (before.orgId === t.orgId && before.personName === t.personName) expect(before.id < t.id).toBe(true)
    }
    expect(register.map((t) => t.orgId)).toEqual([
      ...Array(3).fill("c01"),
      ...Array(7).fill("b1"),
      ...Array(4).fill("b2"),
    ])
    // Pages of 4: 4, 4, 4, 2, then an empty page past the last; together the register, each row once.
    const pages = await pagesOf(d1, plan.id, 4)
    expect(pages.map((p) => [p.targets.length, p.total])).toEqual([
      [4, 14],
      [4, 14],
      [4, 14],
      [2, 14],
      [0, 14],
    ])
    expect(pages.flatMap((p) => p.targets.map((t) => t.id))).toEqual(register.map((t) => t.id))
    // The same page read again is the same rows.
    expect((await visitPlanInScope(database.db, d1, plan.id, { page: 2, pageSize: 4 })).targets).toEqual(
      pages[1]?.targets,
    )
    // A committee pages through its own subtree's 10 alone; the plan's counts are its part, on every page.
    const theirs = await pagesOf(c01, plan.id, 3)
    expect(theirs.map((p) => [p.targets.length, p.total])).toEqual([
      [3, 10],
      [3, 10],
      [3, 10],
      [1, 10],
      [0, 10],
    ])
    expect(theirs.flatMap((p) => p.targets.map((t) => t.id))).toEqual(
      register.filter((t) => t.orgId !== "b2").map((t) => t.id),
    )
    expect(theirs.every((p) => p.plan.targets === 10 && !p.plan.whole)).toBe(true)
    // A branch of the other committee sees its 4; a page needs whole numbers from 1.
    expect(
      (await visitPlanInScope(database.db, c02, plan.id, { page: 1, pageSize: 100 })).targets.map(
        (t) => t.orgId,
      ),
    ).toEqual(Array(4).fill("b2"))
    await expect(visitPlanInScope(database.db, d1, plan.id, { page: 0, pageSize: 4 })).rejects.toBeInstanceOf(
      RangeError,
    )
    await expect(visitPlanInScope(database.db, d1, plan.id, { page: 1, pageSize: 0 })).rejects.toBeInstanceOf(
      RangeError,
    )
  })

  it("the visited filter pages through who is left and who was visited; the target check reads the one target", async () => {
    const { plan, targets } = await districtPlan("2029年七一走访（筛选）")
    const register = (await visitRegisterInScope(database.db, d1, plan.id)).targets
    // Visit c01's first, b1's last and b2's first.
    const chosen = [register[0], register[9], register[10]].map((t) => t?.id as string)
    await writeVisits(
      database.db,
      chosen.map((targetId) => ({
        planId: plan.id,
        targetId,
        visitedOn: date("2029-06-20"),
        visitors: ["书记"],
        help: "",
        amountFen: 5_000,
        recordedBy: null,
      })),
    )
    const ids = async (scope: typeof c01, visited: boolean) =>
      (await pagesOf(scope, plan.id, 2, visited)).flatMap((p) =>
        p.targets.map((t) => [t.id, t.visit !== undefined]),
      )
    expect(await ids(d1, true)).toEqual(chosen.map((id) => [id, true]))
    expect(await ids(d1, false)).toEqual(
      register.filter((t) => !chosen.includes(t.id)).map((t) => [t.id, false]),
    )
    // The committee: its two visits and eight left, the totals as the filter finds them, the plan's counts whole.
    const left = await visitPlanInScope(database.db, c01, plan.id, { page: 1, pageSize: 5, visited: false })
    expect([left.total, left.targets.length, left.plan.targets, left.plan.visited]).toEqual([8, 5, 10, 2])
    const done = await visitPlanInScope(database.db, c01, plan.id, { page: 1, pageSize: 5, visited: true })
    expect([done.total, done.targets.map((t) => t.id)]).toEqual([2, chosen.slice(0, 2)])
    expect(done.targets.map((t) => t.visit?.amountFen)).toEqual([5_000, 5_000])

    // The check of one visit: the target and its visit when it is the plan's in the scope, else none.
    const [visitedId, , outsideId] = chosen as [string, string, string]
    const notYet = register.find((t) => t.orgId === "b1" && !chosen.includes(t.id))?.id as string
    const one = async (scope: typeof c01, targetId: string) =>
      visitTargetInScope(database.db, scope, plan.id, targetId)
    expect((await one(c01, visitedId)).target).toMatchObject({ id: visitedId, visit: { amountFen: 5_000 } })
    expect((await one(c01, notYet)).target).toMatchObject({ id: notYet, orgName: "第一支部" })
    expect((await one(c01, notYet)).target?.visit).toBeUndefined()
    expect((await one(c01, notYet)).plan).toMatchObject({ id: plan.id, targets: 10, visited: 2 })
    // b2's target is the plan's but outside c01; another plan's target is not this plan's.
    expect((await one(c01, outsideId)).target).toBeUndefined()
    expect((await one(d1, outsideId)).target).toMatchObject({ id: outsideId, orgId: "b2" })
    const other = await districtPlan("2029年七一走访（另一计划）")
    expect((await one(d1, other.targets[0]?.id as string)).target).toBeUndefined()
    expect((await one(d1, crypto.randomUUID())).target).toBeUndefined()
    expect(targets).toHaveLength(14)
    await expect(
      visitTargetInScope(database.db, { orgId: "b1", orgPath: "d1.c01.b1" }, crypto.randomUUID(), notYet),
    ).rejects.toBeInstanceOf(NotInScope)
  })

  it("the agenda's visit deadlines: plans due in the window with someone of the scope still to visit", async () => {
    const [a] = ids as [string]
    const { plan } = await createVisitPlan(
      database.db,
      c01,
      {
        orgId: "c01",
        festival: "new-year",
        year: 2027,
        title: "2027年元旦走访",
        festivalOn: date("2027-01-21"),
        deadline: date("2027-01-20"),
        budgetFen: 10_000,
        fundSource: "代中央管理党费",
        recordedBy: null,
      },
      [
        {
          orgId: "b1",
          entryId: null,
          memberId: a,
          personName: "甲",
          categories: ["pre-1949"],
          leader: "王书记",
        },
      ],
    )
    const due = async (scope: typeof c01, from: string, to: string) =>
      (await visitDeadlinesOf(database.db, scope, date(from), date(to), 10)).map((p) => [
        p.id,
        p.whole,
        p.targets,
      ])
    expect(await due(c01, "2027-01-01", "2027-01-31")).toEqual([[plan.id, true, 1]])
    // The window's ends count; a plan whose deadline lies outside it, or whose people are all visited, does not.
    expect(await due(c01, "2027-01-20", "2027-01-20")).toEqual([[plan.id, true, 1]])
    expect(await due(c01, "2027-01-21", "2027-02-28")).toEqual([])
    // A branch sees the plan run from above through its own people; another committee does not see it.
    expect(await due({ orgId: "b1", orgPath: "d1.c01.b1" }, "2027-01-01", "2027-01-31")).toEqual([
      [plan.id, false, 1],
    ])
    expect(await due({ orgId: "c02", orgPath: "d1.c02" }, "2027-01-01", "2027-01-31")).toEqual([])
  })
})
