import { attentionOf } from "@xianfeng/development-rules"
import { eq, inArray, sql } from "drizzle-orm"
import { Temporal } from "temporal-polyfill"
import { describe, expect, it } from "vitest"
import {
  activistPoolAnalysesOf,
  admissionsInYear,
  compositionFactsOf,
  developmentCaseOf,
  developmentPipelineOf,
  pipelineAttentionOf,
  pipelineBoardOf,
  planUnitsOf,
  recordActivistPoolAnalysis,
  recordCultivation,
  recordDevelopmentStep,
  saveDevelopmentPlan,
  savedDevelopmentPlanOf,
  savePipelineIndex,
  stalePipelinePeople,
} from "../../src/development/index.js"
import { insertOrg } from "../../src/org-tree.js"
import { insertMember, type MemberInput } from "../../src/platform/members.js"
import { NotInScope, type Scope } from "../../src/platform/scope.js"
import { type MemberStage, members } from "../../src/schema/index.js"
import { type SuiteContext, testVault, unwrap } from "./context.js"

const d = (iso: string) => Temporal.PlainDate.from(iso)
const district: Scope = { orgId: "dv_d", orgPath: "dv_d" }
const committee1: Scope = { orgId: "dv_c1", orgPath: "dv_d.dv_c1" }
const committee2: Scope = { orgId: "dv_c2", orgPath: "dv_d.dv_c2" }

export const developmentSuite = (ctx: SuiteContext) =>
  describe("development queries in a scope", () => {
    const ids: Record<string, string> = {}
    const person = (
      orgId: string,
      name: string,
      stage: MemberStage,
      more: Partial<MemberInput> = {},
    ): MemberInput => ({
      orgId,
      name,
      sex: "female" as const,
      birthDate: d("1996-05-01"),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage,
      ...more,
    })

    it("sets up a district with two committees, a branch under each and people in the pipeline", async () => {
      const { db } = ctx.database()
      await db.transaction(async (tx) => {
        unwrap(await insertOrg(tx, { id: "dv_d", kind: "district-committee", name: "开发区委" }))
        unwrap(
          await insertOrg(tx, { id: "dv_c1", parentId: "dv_d", kind: "township-committee", name: "一镇" }),
        )
        unwrap(
          await insertOrg(tx, { id: "dv_c2", parentId: "dv_d", kind: "township-committee", name: "二镇" }),
        )
        unwrap(await insertOrg(tx, { id: "dv_b1", parentId: "dv_c1", kind: "branch", name: "一支部" }))
        unwrap(await insertOrg(tx, { id: "dv_b2", parentId: "dv_c2", kind: "branch", name: "二支部" }))
        const people = [
          person("dv_b1", "甲", "applicant", { appliedOn: d("2026-01-05") }),
          person("dv_b1", "乙", "development-object"),
          person("dv_b1", "丙", "full", { admittedOn: d("2024-06-01"), fullMemberOn: d("2025-06-01") }),
          person("dv_b1", "丁", "activist", { status: "transferred-out" }),
          person("dv_b2", "戊", "activist"),
          person("dv_b2", "己", "probationary", { admittedOn: d("2025-07-01") }),
        ]
        for (const p of people) ids[p.name] = (await insertMember(tx, testVault, p)).id
      })
      expect(Object.keys(ids)).toHaveLength(6)
    })

    it("loads a person's case in scope, and refuses one outside it as NotInScope", async () => {
      const { db } = ctx.database()
      const c = await developmentCaseOf(db, committee1, ids.甲 ?? "")
      expect(c.person.name).toBe("甲")
      expect(c.person.orgPath).toBe("dv_d.dv_c1.dv_b1")
      expect(c.records).toEqual([])
      expect(c.policy.dormantYears).toBeGreaterThan(0)
      await expect(developmentCaseOf(db, committee2, ids.甲 ?? "")).rejects.toBeInstanceOf(NotInScope)
    })

    it("records a step with the member's new stage in one write, and writes nothing outside the scope", async () => {
      const { db } = ctx.database()
      const entry = {
        memberId: ids.甲 ?? "",
        step: "talk",
        onDate: d("2026-01-20"),
        evidence: { talkedBy: "王书记" },
        recordedBy: null,
        recordedAt: new Date("2026-01-20T02:00:00Z"),
      }
      await expect(
        db.transaction((tx) => recordDevelopmentStep(tx, committee2, entry, { appliedOn: d("2026-01-05") })),
      ).rejects.toBeInstanceOf(NotInScope)
      expect((await developmentCaseOf(db, district, ids.甲 ?? "")).records).toEqual([])
      const before = (await developmentCaseOf(db, district, ids.甲 ?? "")).person.version
      const earlier = { ...entry, step: "apply", onDate: d("2026-01-05"), evidence: { receivedBy: "本支部" } }
      await db.transaction(async (tx) => {
        await recordDevelopmentStep(tx, committee1, entry, { appliedOn: d("2026-01-05") })
        await recordDevelopmentStep(tx, committee1, earlier, {
          appliedOn: d("2026-01-05"),
          stage: "applicant",
        })
      })
      const after = await developmentCaseOf(db, district, ids.甲 ?? "")
      expect(after.records.map((r) => r.step)).toEqual(["apply", "talk"])
      expect(after.person.version).toBe(before + 2)
      expect(after.person.appliedOn?.toString()).toBe("2026-01-05")
    })

    it("counts the pipeline of the scope, or of an organization inside it, in normal standing only", async () => {
      const { db } = ctx.database()
      const all = await developmentPipelineOf(db, district)
      expect(all.within).toBe("dv_d")
      expect(all.people.map((p) => p.name).sort()).toEqual(["乙", "己", "戊", "甲"].sort())
      expect(all.counts.find((c) => c.stage === "full")?.count).toBe(1)
      expect(all.counts.find((c) => c.stage === "activist")?.count).toBe(1)
      expect(all.records.get(ids.甲 ?? "")?.map((r) => r.step)).toEqual(["apply", "talk"])
      const one = await developmentPipelineOf(db, district, "dv_c2")
      expect(one.people.map((p) => p.name).sort()).toEqual(["己", "戊"].sort())
      await expect(developmentPipelineOf(db, committee1, "dv_c2")).rejects.toBeInstanceOf(NotInScope)
    })

    it("reads the composition facts: the pipeline's people, admissions in the dormant window, names", async () => {
      const { db } = ctx.database()
      const facts = await compositionFactsOf(db, district, 2026)
      expect(facts.people.map((p) => p.name).sort()).toEqual(["乙", "戊", "甲"].sort())
      // The national dormant window is three years (2024–2026): both admissions count.
      expect([...facts.admissions].sort((a, b) => a.year - b.year)).toEqual([
        { orgId: "dv_b1", year: 2024, count: 1 },
        { orgId: "dv_b2", year: 2025, count: 1 },
      ])
      expect(facts.lastAdmissions.get("dv_b2")?.toString()).toBe("2025-07-01")
      expect(facts.orgNames.get("dv_c1")).toBe("一镇")
      const inside = await compositionFactsOf(db, committee1, 2026)
      expect(inside.orgNames.has("dv_c2")).toBe(false)
      expect(inside.admissions.map((a) => a.orgId)).toEqual(["dv_b1"])
    })

    it("splits a plan between the organizations right below, or the organization itself", async () => {
      const { db } = ctx.database()
      const units = await planUnitsOf(db, district)
      expect(units.units.map((u) => u.id)).toEqual(["dv_c1", "dv_c2"])
      expect(units.unitOf.get("dv_b2")).toBe("dv_c2")
      expect(units.unitOf.has("dv_d")).toBe(false)
      const branch = await planUnitsOf(db, { orgId: "dv_b1", orgPath: "dv_d.dv_c1.dv_b1" })
      expect(branch.units).toEqual([{ id: "dv_b1", name: "一支部", path: "dv_d.dv_c1.dv_b1" }])
      expect(await admissionsInYear(db, district, 2025)).toBe(1)
      expect(await admissionsInYear(db, committee1, 2025)).toBe(0)
    })

    it("saves one plan per organization and year, the second save replacing the first", async () => {
      const { db } = ctx.database()
      expect(await savedDevelopmentPlanOf(db, district, 2027)).toBeUndefined()
      const at = new Date("2026-11-30T00:00:00Z")
      const plan = {
        year: 2027,
        total: 3,
        allocations: [{ orgId: "dv_c1", quota: 3 }],
        updatedAt: at,
        updatedBy: null,
      }
      await saveDevelopmentPlan(db, district, plan)
      await saveDevelopmentPlan(db, district, {
        ...plan,
        total: 4,
        allocations: [{ orgId: "dv_c2", quota: 4 }],
      })
      const saved = await savedDevelopmentPlanOf(db, district, 2027)
      expect(saved?.total).toBe(4)
      expect(saved?.allocations).toEqual([{ orgId: "dv_c2", quota: 4 }])
      expect(await savedDevelopmentPlanOf(db, committee1, 2027)).toBeUndefined()
    })

    it("stores activist-pool analyses per organization and year, only inside the scope (DR 11)", async () => {
      const { db } = ctx.database()
      const entry = {
        orgId: "dv_c1",
        onDate: d("2026-03-10"),
        analysedBy: "grassroots-committee",
        activists: 12,
        problems: "青年比例偏低",
        measures: "加强对青年职工的培养",
        recordedBy: null,
        recordedAt: new Date("2026-03-10T08:00:00Z"),
      }
      await recordActivistPoolAnalysis(db, committee1, entry)
      await recordActivistPoolAnalysis(db, district, { ...entry, onDate: d("2025-12-20"), activists: 9 })
      await expect(recordActivistPoolAnalysis(db, committee2, entry)).rejects.toBeInstanceOf(NotInScope)
      const in2026 = await activistPoolAnalysesOf(db, committee1, "dv_c1", 2026)
      expect(in2026.map((a) => [a.onDate.toString(), a.activists])).toEqual([["2026-03-10", 12]])
      expect((await activistPoolAnalysesOf(db, district, "dv_c1", 2025)).map((a) => a.activists)).toEqual([9])
      await expect(activistPoolAnalysesOf(db, committee2, "dv_c1", 2026)).rejects.toBeInstanceOf(NotInScope)
    })

    it("stores a person's talks, reports and activities, only inside the scope, and loads them with the case", async () => {
      const { db } = ctx.database()
      const id = ids.甲 ?? ""
      const entry = {
        memberId: id,
        kind: "talk",
        onDate: d("2026-04-02"),
        evidence: { talkedBy: "李明" },
        recordedBy: null,
        recordedAt: new Date("2026-04-02T08:00:00Z"),
      }
      await recordCultivation(db, committee1, entry)
      await recordCultivation(db, district, { ...entry, kind: "thought-report", onDate: d("2026-03-01") })
      await expect(recordCultivation(db, committee2, entry)).rejects.toBeInstanceOf(NotInScope)
      const c = await developmentCaseOf(db, committee1, id)
      expect(c.cultivation.map((r) => [r.kind, r.onDate.toString()])).toEqual([
        ["thought-report", "2026-03-01"],
        ["talk", "2026-04-02"],
      ])
    })

    it("keeps the pipeline index: stale people until stored, then read per subtree until their day or a change", async () => {
      const { db } = ctx.database()
      const today = d("2026-11-30")
      const stale = await stalePipelinePeople(db, district, "dv_d", today)
      // 甲, 乙, 戊, 己 are in the pipeline (丙 is a full member, 丁 transferred out).
      expect(stale.people.map((p) => p.name).sort()).toEqual(["乙", "己", "戊", "甲"].sort())
      expect(stale.records.get(ids.甲 ?? "")?.map((r) => r.step)).toEqual(["apply", "talk"])
      await savePipelineIndex(
        db,
        stale.people.map((p) => ({
          memberId: p.id,
          memberVersion: p.version,
          evaluatedOn: today,
          recheckOn: p.name === "戊" ? today : d("2026-12-20"),
          items:
            p.name === "乙"
              ? [{ step: "political-review", state: "overdue", dueBy: "2026-11-01" }]
              : p.name === "甲"
                ? [
                    { step: "talk", state: "due", dueBy: "2027-03-01" },
                    { step: "activist-decision", state: "due", dueBy: "2026-12-20" },
                  ]
                : [],
        })),
      )
      // 戊's day has come; everyone else holds.
      expect((await stalePipelinePeople(db, district, "dv_d", today)).people.map((p) => p.name)).toEqual([
        "戊",
      ])
      expect((await stalePipelinePeople(db, committee1, "dv_d.dv_c1", d("2026-12-01"))).people).toEqual([])
      // An entry from a later day than the one asked about holds no more (a clock set back).
      expect(
        (await stalePipelinePeople(db, committee1, "dv_d.dv_c1", d("2026-11-29"))).people
          .map((p) => p.name)
          .sort(),
      ).toEqual(["乙", "甲"].sort())
      // What wants attention by a horizon: every overdue step, the due ones up to it, never one further out.
      const attention = async (scope: Scope, within: string, horizon: string) =>
        (await pipelineAttentionOf(db, scope, within, d(horizon), 100)).rows.map((r) => [
          r.name,
          r.stage,
          r.step,
          r.state,
          r.dueBy.toString(),
        ])
      expect(await attention(district, "dv_d", "2026-12-30")).toEqual(
        [
          ["甲", "applicant", "activist-decision", "due", "2026-12-20"],
          ["乙", "development-object", "political-review", "overdue", "2026-11-01"],
        ].sort((a, b) => ((ids[a[0] as "甲"] ?? "") < (ids[b[0] as "甲"] ?? "") ? -1 : 1)),
      )
      expect((await attention(district, "dv_d", "2027-03-01")).map((r) => r[2]).sort()).toEqual(
        ["activist-decision", "political-review", "talk"].sort(),
      )
      expect(await attention(district, "dv_d", "2026-10-01")).toEqual([
        ["乙", "development-object", "political-review", "overdue", "2026-11-01"],
      ])
      expect(await attention(committee2, "dv_d.dv_c2", "2027-03-01")).toEqual([])
      const board = await pipelineBoardOf(db, district, "dv_d", 10)
      expect(board.map((c) => [c.stage, c.people.map((p) => p.name)])).toEqual([
        ["applicant", ["甲"]],
        ["activist", ["戊"]],
        ["development-object", ["乙"]],
        ["probationary", ["己"]],
      ])
      // A write to 甲's member row moves the version on: the stored steps no longer count until evaluated again.
      await db
        .update(members)
        .set({ version: sql`${members.version} + 1` })
        .where(eq(members.id, ids.甲 ?? ""))
      expect((await attention(district, "dv_d", "2027-03-01")).map((r) => r[0])).toEqual(["乙"])
    })

    it("reads only the steps that can be among the most urgent, a tie at the last place whole, and counts them all", async () => {
      const { db } = ctx.database()
      const who = ["乙", "戊", "己"] as const
      const versions = new Map(
        (
          await db
            .select({ id: members.id, version: members.version })
            .from(members)
            .where(
              inArray(
                members.id,
                who.map((n) => ids[n] ?? ""),
              ),
            )
        ).map((r) => [r.id, r.version]),
      )
      const steps = {
        乙: [
          { step: "political-review", state: "overdue", dueBy: "2026-11-01" },
          { step: "assessment", state: "due", dueBy: "2026-12-20" },
        ],
        戊: [{ step: "talk", state: "due", dueBy: "2026-12-20" }],
        己: [
          { step: "talk", state: "due", dueBy: "2026-12-20" },
          { step: "assessment", state: "due", dueBy: "2026-12-25" },
        ],
      } as const
      await savePipelineIndex(
        db,
        who.map((n) => ({
          memberId: ids[n] ?? "",
          memberVersion: versions.get(ids[n] ?? "") ?? 0,
          evaluatedOn: d("2026-11-30"),
          recheckOn: d("2026-12-20"),
          items: steps[n],
        })),
      )
      const read = async (scope: Scope, within: string, cap: number) => {
        const a = await pipelineAttentionOf(db, scope, within, d("2027-01-31"), cap)
        return { overdue: a.overdue, due: a.due, rows: a.rows.map((r) => `${r.name} ${r.step} ${r.dueBy}`) }
      }
      // Overdue first (rank 1), then three steps due on 12-20 (rank 2), then 12-25 (rank 5); 甲's row is stale.
      expect(await read(district, "dv_d", 1)).toEqual({
        overdue: 1,
        due: 4,
        rows: ["乙 political-review 2026-11-01"],
      })
      const tied = await read(district, "dv_d", 2)
      expect(tied.rows.sort()).toEqual(
        [
          "乙 political-review 2026-11-01",
          "乙 assessment 2026-12-20",
          "戊 talk 2026-12-20",
          "己 talk 2026-12-20",
        ].sort(),
      )
      expect((await read(district, "dv_d", 4)).rows.sort()).toEqual(tied.rows)
      expect((await read(district, "dv_d", 5)).rows).toHaveLength(5)
      // The rules' attentionOf over the rows read for a cap, cut to it, keeps what it keeps of every step.
      const urgent = async (cap: number) => {
        const { rows } = await pipelineAttentionOf(db, district, "dv_d", d("2027-01-31"), cap)
        return attentionOf(
          rows.map((r) => ({
            person: r,
            steps: [
              {
                step: r.step as never,
                name: { "zh-CN": r.step, en: r.step },
                state: r.state,
                dueBy: r.dueBy,
              },
            ],
          })),
          d("2026-11-30"),
          62,
        )
          .slice(0, cap)
          .map((i) => `${i.person.name} ${i.step.step}`)
      }
      const every = await urgent(100)
      for (const cap of [1, 2, 3, 4, 5]) expect(await urgent(cap), `cap ${cap}`).toEqual(every.slice(0, cap))
      // In person and index order, as the rules' stable sort wants them.
      const inOrder = (await pipelineAttentionOf(db, district, "dv_d", d("2027-01-31"), 5)).rows
      expect(inOrder.map((r) => r.memberId)).toEqual(inOrder.map((r) => r.memberId).sort())
      // A committee ranks its own steps: 戊's and 己's tie first.
      expect(await read(committee2, "dv_d.dv_c2", 1)).toEqual({
        overdue: 0,
        due: 3,
        rows: expect.arrayContaining(["戊 talk 2026-12-20", "己 talk 2026-12-20"]),
      })
      expect((await read(committee2, "dv_d.dv_c2", 1)).rows).toHaveLength(2)
      expect(await read(district, "dv_d.dv_c1", 3)).toEqual({
        overdue: 1,
        due: 1,
        rows: ["乙 political-review 2026-11-01", "乙 assessment 2026-12-20"],
      })
      // Nothing in the window: no rows and nothing counted.
      expect(await pipelineAttentionOf(db, committee2, "dv_d.dv_c2", d("2026-12-01"), 10)).toEqual({
        rows: [],
        overdue: 0,
        due: 0,
      })
      await expect(pipelineAttentionOf(db, district, "dv_d", d("2027-01-31"), 0)).rejects.toThrow(/cap/)
    })
  })
