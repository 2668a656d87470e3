import { surveyProgress } from "@xianfeng/care-ledger"
import { date } from "@xianfeng/core"
import {
  asSystem,
  complianceBasesOf,
  cyclesInScope,
  lastAttendedOf,
  ledgerCountsInScope,
  ledgerInScope,
  members,
  orgs,
  type Scope,
  standingFacts,
  surveysInScope,
  surveyTalliesInScope,
} from "@xianfeng/db"
import { eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cycleSummaries, loadCycles, summaryOf } from "../src/routes/appraisal/model.js"
import { disciplinePolicyOf } from "../src/routes/discipline/compliance-index.js"
import { backends, type TestSystem, testSystem } from "./support.js"

// Reads rewritten as one statement give the answers of the per-organization reads they replace, on the demo
// district and on every backend.
describe.each(backends)("one-statement reads of the dashboard and the medal on %s", (backend) => {
  let sys: TestSystem
  let scopes: Scope[]

  beforeAll(async () => {
    sys = await testSystem(backend)
    const committee = await asSystem(sys.deps.db, (db) =>
      db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.kind, "party-committee")).limit(1),
    )
    if (committee[0] === undefined) throw new Error("the demo district has a party committee")
    const branch = await asSystem(sys.deps.db, (db) =>
      db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.kind, "branch")).limit(1),
    )
    if (branch[0] === undefined) throw new Error("the demo district has a branch")
    scopes = [
      { orgId: "d1", orgPath: "d1" },
      { orgId: committee[0].id, orgPath: committee[0].path },
      { orgId: branch[0].id, orgPath: branch[0].path },
    ]
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("finds each member's last attended sitting of their own organization in one query, as the query per organization does", async () => {
    // The district's answer (the first scope), to find a member out of the committee who did attend.
    let district = new Map<string, string>()
    let checkedOutside = 0
    for (const scope of scopes) {
      const people = await asSystem(sys.deps.db, (db) =>
        db
          .select({ id: members.id, orgId: members.orgId, path: orgs.path })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId)),
      )
      const inScope = people.filter((p) => p.path === scope.orgPath || p.path.startsWith(`${scope.orgPath}.`))
      // The medal's standing as it was read: one `standingFacts` per organization of the candidates.
      const perOrg = new Map<string, string>()
      for (const orgId of new Set(inScope.map((p) => p.orgId)))
        for (const f of await standingFacts(sys.deps.db, scope, orgId))
          if (f.lastAttended !== null) perOrg.set(f.id, f.lastAttended.toString())
      const one = await lastAttendedOf(
        sys.deps.db,
        scope,
        inScope.map((p) => p.id),
      )
      expect(new Map([...one].map(([id, on]) => [id, on.toString()]))).toEqual(perOrg)
      if (scope.orgPath === "d1") {
        // Something to compare: the demo's branches take roll calls.
        expect(perOrg.size).toBeGreaterThan(0)
        district = perOrg
      } else {
        // A member out of the scope who attended sittings of their own branch is not answered for.
        const outside = people.find((p) => !inScope.includes(p) && district.has(p.id))
        if (outside !== undefined) {
          expect((await lastAttendedOf(sys.deps.db, scope, [outside.id])).size).toBe(0)
          checkedOutside++
        }
      }
    }
    expect(checkedOutside).toBeGreaterThan(0)
  })

  it("counts each survey's branches and confirmations in one aggregate, as the surveys' progress does", async () => {
    let surveys = 0
    for (const scope of scopes) {
      const full = await surveysInScope(sys.deps.db, scope)
      const tallies = await surveyTalliesInScope(sys.deps.db, scope)
      const byId = new Map(tallies.map((t) => [t.id, t]))
      expect(tallies.map((t) => t.id).sort()).toEqual(full.map((s) => s.id).sort())
      for (const s of full) {
        const p = surveyProgress(s.branches)
        expect(byId.get(s.id)).toEqual({
          id: s.id,
          title: s.title,
          startsOn: s.startsOn,
          deadline: s.deadline,
          branches: p.branches,
          confirmed: p.confirmed,
        })
      }
      // Newest first, as the survey list.
      expect(tallies.map((t) => t.startsOn.toString())).toEqual(full.map((s) => s.startsOn.toString()))
      surveys += full.length
    }
    expect(surveys).toBeGreaterThan(0)
  })

  it("sums up the appraisal cycles from ratings counted in SQL, as from every rating read", async () => {
    let ratings = 0
    let cycles = 0
    for (const scope of scopes) {
      const rows = await cyclesInScope(sys.deps.db, scope, {})
      const full = (await loadCycles(sys.deps.db, rows)).map(summaryOf)
      expect(await cycleSummaries(sys.deps.db, rows)).toEqual(full)
      ratings += full.reduce((n, c) => n + c.ratingsGiven, 0)
      cycles += full.length
    }
    // Something to compare: the demo's cycles hold ratings.
    expect(cycles).toBeGreaterThan(0)
    expect(ratings).toBeGreaterThan(0)
  })

  it("counts the care ledger's entries by category from the events up to the day, as the whole ledger replayed does", async () => {
    let counted = 0
    for (const scope of scopes)
      for (const asOf of ["2026-11-27", "2026-06-30", "2025-12-31", "2024-01-01"].map(date)) {
        const full = new Map<string, number>()
        for (const e of await ledgerInScope(sys.deps.db, scope, { asOf }))
          full.set(e.category, (full.get(e.category) ?? 0) + 1)
        expect(new Map(await ledgerCountsInScope(sys.deps.db, scope, asOf))).toEqual(full)
        counted += [...full.values()].reduce((a, b) => a + b, 0)
      }
    // Something to compare: the demo's ledger has entries.
    expect(counted).toBeGreaterThan(0)
  })

  it("finds this year's compliance stored by the demo load: no organization of the district left to evaluate", async () => {
    // The demo load (indexDemoDistrict) stored the year of the day it was generated for; the first dashboard read
    // of the 纪律约束 panel then evaluates nothing. Its stored months equal a full evaluation (the first test of
    // discipline-compliance-index.test.ts compares them).
    const today = date("2026-11-27")
    const district = scopes[0] as Scope
    const { print } = await disciplinePolicyOf(sys.deps.db, district)
    const bases = await complianceBasesOf(sys.deps.db, district, undefined, today.year, today, print)
    expect(bases.length).toBeGreaterThan(10)
    expect(bases.filter((b) => b.stale).map((b) => b.id)).toEqual([])
  })
})
