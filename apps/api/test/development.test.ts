import { date, makeIdNumber } from "@xianfeng/core"
import {
  auditLog,
  developmentPipelineIndex,
  developmentRecords,
  members,
  orgs,
  pipelineStages,
} from "@xianfeng/db"
import {
  demoRoadApprover as approver,
  demoRoadUntil,
  exampleEvidence,
  exampleMember as member,
  demoAdmissionRoad as road,
} from "@xianfeng/development-rules/testing"
import { and, count, eq, inArray, like, ne, sql } from "drizzle-orm"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import type {
  AnnualPlan,
  Composition,
  CultivationPlanView,
  Pipeline,
  PolicyImpact,
  PoolAnalysisStatus,
  Timeline,
} from "../src/routes/development/contract.js"
import type { MemberDetail } from "../src/routes/platform/contract.js"
import { Agent, backends, problemOf, useDemo, userWithToken } from "./support.js"

describe.each(backends)("development on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1"] })
  const { admin, secretary1: secretary } = demo.agents
  /** secretary1's branch. */
  const secretaryOrg = () => demo.orgOf("secretary1")
  let seq = 100

  /** A new applicant in `orgId`, made through the members API. */
  const newPerson = async (orgId: string, birth = "1998-03-10", name = "陈晓燕"): Promise<MemberDetail> =>
    admin.json<MemberDetail>("POST", "/api/members", {
      orgId,
      name,
      idNumber: makeIdNumber("330199", date(birth), seq++ * 2),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage: "applicant",
    })
  const counts = async (memberId: string) => {
    const [r] = await demo.sys.deps.db
      .select({ n: count() })
      .from(developmentRecords)
      .where(eq(developmentRecords.memberId, memberId))
    const [a] = await demo.sys.deps.db.select({ n: count() }).from(auditLog)
    return { records: r?.n ?? 0, audit: a?.n ?? 0 }
  }
  const post = (
    agent: Agent,
    memberId: string,
    step: string,
    onDate: string,
    evidence: unknown,
    lang = "zh-CN",
  ) =>
    agent.send(
      "POST",
      `/api/development/people/${memberId}/records`,
      { step, onDate, evidence },
      {
        "accept-language": lang,
      },
    )

  it("lists the steps with their articles and a JSON Schema for each step's evidence", async () => {
    const { items } = await admin.json<{
      items: { id: string; citations: string[]; evidenceSchema: { properties?: Record<string, unknown> } }[]
    }>("GET", "/api/development/steps")
    expect(items.filter((s) => /^[a-z]/.test(s.id) && !s.id.startsWith("x-")).length).toBe(32)
    const intro = items.find((s) => s.id === "introducers")
    expect(intro?.citations.join()).toContain("第十四条")
    expect(intro?.evidenceSchema.properties).toHaveProperty("introducers")
    // the demo district's own step sits right after the pre-review
    const ids = items.map((s) => s.id)
    expect(ids.indexOf("x-pre-admission-notice")).toBe(ids.indexOf("pre-review") + 1)
    // Only a mobile members' organization answers whether it is qualified; an ordinary branch leaves it out,
    // so an untouched form cannot refuse it.
    const decision = items.find((s) => s.id === "development-object-decision")?.evidenceSchema
    expect(decision?.properties?.mobileOrg).toMatchObject({ enum: ["qualified", "not-qualified"] })
    expect((decision as { required?: string[] } | undefined)?.required ?? []).not.toContain("mobileOrg")
  })

  it("refuses a step the rules block with 422 and the article, and writes nothing", async () => {
    const p = await newPerson(secretaryOrg())
    await expect(
      post(admin, p.id, "apply", "2026-09-01", { receivedBy: "本支部", acceptsProgramme: true }),
    ).resolves.toHaveProperty("status", 201)
    const before = await counts(p.id)
    // An activist decision less than a year before becoming a candidate for membership: the 13th article refuses it.
    const res = await post(admin, p.id, "development-object-decision", "2026-10-01", {
      decidedBy: "branch-committee",
      opinionsHeard: ["party-group", "contacts", "members", "non-members"],
    })
    expect(res.status).toBe(422)
    const problem = (await res.json()) as {
      verdicts: { status: string; code: string; citations: string[] }[]
    }
    expect(problem.verdicts.some((v) => v.status === "blocked")).toBe(true)
    expect(problem.verdicts.flatMap((v) => v.citations).join()).toMatch(/第[十二三四五六七八九]+条/)
    expect(await counts(p.id)).toEqual(before)
  })

  it("refuses an activist decision before the district's six months, citing the district rule", async () => {
    const p = await newPerson(secretaryOrg())
    await post(admin, p.id, "apply", "2026-08-01", { receivedBy: "本支部", acceptsProgramme: true })
    await post(admin, p.id, "talk", "2026-08-10", { talkedBy: "王书记" })
    const before = await counts(p.id)
    const res = await post(admin, p.id, "activist-decision", "2026-10-01", {
      source: "member-recommendation",
      decidedBy: "branch-committee",
    })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { verdicts: { code: string; message: string; citations: string[] }[] }
    const wait = body.verdicts.find((v) => v.code.startsWith("DEV-ACTIVIST-WAIT"))
    expect(wait?.message).toContain("本区规定")
    expect(wait?.citations.join()).toContain("第八条")
    expect(await counts(p.id)).toEqual(before)
  })

  it("records a good step: the record, its audit row and the member's stage and dates", async () => {
    const p = await newPerson(secretaryOrg())
    const before = await counts(p.id)
    const res = await post(admin, p.id, "apply", "2026-11-02", {
      receivedBy: "本支部",
      acceptsProgramme: true,
    })
    expect(res.status).toBe(201)
    const t = (await res.json()) as Timeline
    expect(t.derived.appliedOn).toBe("2026-11-02")
    expect(t.nextSteps.map((s) => s.step)).toContain("talk")
    const talk = t.steps.find((s) => s.step === "talk")
    expect(talk?.state).toBe("due")
    expect(talk?.dueBy).toBe("2026-12-02")
    expect(await counts(p.id)).toEqual({ records: before.records + 1, audit: before.audit + 1 })
    const [row] = await demo.sys.deps.db.select().from(members).where(eq(members.id, p.id))
    expect(row?.appliedOn?.toString()).toBe("2026-11-02")
    expect(row?.version).toBe(p.version + 1)
    const [a] = await demo.sys.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "development.record"), eq(auditLog.objectId, p.id)))
    expect(a?.details).toMatchObject({ step: "apply", onDate: "2026-11-02" })
  })

  it("removes a record entered in error with a reason: kept as removed, judged again without it, audited", async () => {
    const p = await newPerson(secretaryOrg())
    const applied = (await (
      await post(secretary, p.id, "apply", "2026-11-02", { receivedBy: "本支部", acceptsProgramme: true })
    ).json()) as Timeline
    const record = applied.steps.find((s) => s.step === "apply")?.records[0]
    expect(record).toBeDefined()
    const indexOf = async () =>
      (
        await demo.sys.deps.db
          .select()
          .from(developmentPipelineIndex)
          .where(eq(developmentPipelineIndex.memberId, p.id))
      )[0]
    expect((await indexOf())?.items.some((i) => i.step === "talk")).toBe(true)
    const url = `/api/development/people/${p.id}/records/${record?.id}/remove`
    const before = await counts(p.id)
    // The page's picture must be current, and a reason is needed.
    const stale = await secretary.send("POST", url, { reason: "录错了人", version: p.version })
    expect(stale.status).toBe(409)
    expect((await problemOf(stale)).errors?.[0]?.field).toBe("version")
    const noReason = await secretary.send("POST", url, { reason: "", version: applied.member.version })
    expect(noReason.status).toBe(400)
    expect((await problemOf(noReason)).errors?.[0]?.field).toBe("reason")
    expect(await counts(p.id)).toEqual(before)

    const res = await secretary.send("POST", url, {
      reason: "录错了人：应为陈晓燕",
      version: applied.member.version,
    })
    expect(res.status).toBe(200)
    const t = (await res.json()) as Timeline
    expect(t.derived.appliedOn).toBeNull()
    expect(t.steps.find((s) => s.step === "apply")?.records).toEqual([])
    expect(t.removed).toMatchObject([
      { id: record?.id, step: "apply", onDate: "2026-11-02", reason: "录错了人：应为陈晓燕" },
    ])
    expect(t.member.version).toBe(applied.member.version + 1)
    // Nothing deleted: the row stays, marked removed; the member's columns follow the history without it.
    expect((await counts(p.id)).records).toBe(before.records)
    const [row] = await demo.sys.deps.db.select().from(members).where(eq(members.id, p.id))
    expect(row?.appliedOn).toBeNull()
    expect(row?.version).toBe(applied.member.version + 1)
    const [a] = await demo.sys.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "development.record.remove"), eq(auditLog.objectId, p.id)))
    expect(a?.details).toMatchObject({
      recordId: record?.id,
      step: "apply",
      onDate: "2026-11-02",
      reason: "录错了人：应为陈晓燕",
      evidence: { receivedBy: "本支部", acceptsProgramme: true },
    })
    // The timeline read afresh says the same; a second removal finds nothing in force.
    const again = await secretary.json<Timeline>("GET", `/api/development/people/${p.id}`)
    expect(again.removed.map((r) => r.id)).toEqual([record?.id])
    expect(again.derived.appliedOn).toBeNull()
    expect(
      (await secretary.send("POST", url, { reason: "再删一次", version: t.member.version })).status,
    ).toBe(404)
    // The pipeline index was recomputed for the new version: no talk is due for an application that is gone.
    const index = await indexOf()
    expect(index?.memberVersion).toBe(t.member.version)
    expect(index?.items.some((i) => i.step === "talk")).toBe(false)
  })

  it("names the bad evidence field (400) and writes nothing", async () => {
    const p = await newPerson(secretaryOrg())
    const before = await counts(p.id)
    const res = await post(admin, p.id, "introducers", "2026-11-02", {
      introducers: [member("李明"), { ...member("张华"), status: "friend" }],
    })
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.[0]?.field).toBe("evidence.introducers.1.status")
    const unknown = await post(admin, p.id, "no-such-step", "2026-11-02", {})
    expect(unknown.status).toBe(400)
    expect((await problemOf(unknown)).errors?.[0]?.field).toBe("step")
    expect(await counts(p.id)).toEqual(before)
  })

  it("renders the timeline in English when asked, and audits the read", async () => {
    const p = await newPerson(secretaryOrg())
    await post(admin, p.id, "apply", "2026-09-01", { receivedBy: "本支部", acceptsProgramme: true })
    const res = await admin.send("GET", `/api/development/people/${p.id}`, undefined, {
      "accept-language": "en",
    })
    const t = (await res.json()) as Timeline
    const talk = t.steps.find((s) => s.step === "talk")
    expect(talk?.state).toBe("overdue")
    expect(talk?.name).toBe("Talk with the applicant")
    expect(talk?.verdicts.find((v) => v.status === "overdue")?.citations[0]).toContain("Art. 7")
    const zh = await admin.json<Timeline>("GET", `/api/development/people/${p.id}`)
    expect(zh.steps.find((s) => s.step === "talk")?.verdicts[0]?.citations[0]).toContain("第七条")
    const reads = await demo.sys.deps.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, "development.read"), eq(auditLog.objectId, p.id)))
    expect(reads[0]?.n).toBe(2)
  })

  it("answers 404 alike for a person outside the caller's branch and for nobody", async () => {
    const [outside] = await demo.sys.deps.db
      .select({ id: members.id })
      .from(members)
      .where(ne(members.orgId, secretaryOrg()))
      .limit(1)
    const [own] = await demo.sys.deps.db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.orgId, secretaryOrg()))
      .limit(1)
    if (!outside || !own) throw new Error("no members")
    const ids = [outside.id, "00000000-0000-4000-8000-000000000000"]
    const before = await counts(outside.id)
    for (const id of ids) {
      for (const path of [
        `/api/development/people/${id}`,
        `/api/development/people/${id}/plan`,
        `/api/development/people/${id}/export.xlsx`,
      ]) {
        const res = await secretary.get(path)
        expect(res.status, path).toBe(404)
        expect((await problemOf(res)).type).toMatch(/not-found/)
      }
      const res = await post(secretary, id, "apply", "2026-11-01", {
        receivedBy: "x",
        acceptsProgramme: true,
      })
      expect(res.status).toBe(404)
    }
    expect(await counts(outside.id)).toEqual({ ...before, audit: (await counts(outside.id)).audit })
    expect((await secretary.get(`/api/development/people/${own.id}`)).status).toBe(200)
    const pipeline = await secretary.get("/api/development/pipeline?orgId=d1")
    expect(pipeline.status).toBe(404)
  })

  it("counts the pipeline as the database does, and lists what is overdue, most urgent first", async () => {
    const res = await admin.json<Pipeline>("GET", "/api/development/pipeline?orgId=c01&days=60")
    const direct = await demo.sys.deps.db
      .select({ stage: members.stage, n: count() })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(like(orgs.path, "d1.c01.%"), eq(members.status, "normal")))
      .groupBy(members.stage)
    expect(res.counts.map((c) => c.stage)).toEqual([
      "applicant",
      "activist",
      "development-object",
      "probationary",
      "full",
    ])
    for (const c of res.counts) expect(c.count, c.stage).toBe(direct.find((d) => d.stage === c.stage)?.n ?? 0)
    expect(res.counts.find((c) => c.stage === "full")?.count).toBeGreaterThan(0)
    expect(res.counts.reduce((a, c) => a + c.count, 0)).toBeGreaterThan(0)
    const all = await admin.json<Pipeline>("GET", "/api/development/pipeline")
    expect(all.attention.length).toBeGreaterThan(0)
    const states = all.attention.map((a) => a.state)
    expect(states.indexOf("due") === -1 || states.lastIndexOf("overdue") < states.indexOf("due")).toBe(true)
    const overdue = all.attention.filter((a) => a.state === "overdue").map((a) => a.dueBy)
    expect(overdue).toEqual([...overdue].sort())
    for (const a of all.attention) if (a.state === "due") expect(a.dueBy <= "2027-01-01").toBe(true)
    for (const col of all.board) expect(col.people.length).toBeLessThanOrEqual(50)
    // a secretary sees only the branch
    const own = await secretary.json<Pipeline>("GET", "/api/development/pipeline")
    for (const a of own.attention) expect(a.orgId).toBe(secretaryOrg())
  })

  it("answers a summary of the pipeline (the dashboard's): the same counts and most urgent steps, no board", async () => {
    const full = await admin.json<Pipeline>("GET", "/api/development/pipeline")
    const summary = await admin.json<Pipeline>("GET", "/api/development/pipeline?attention=5&board=false")
    expect(full.attention.length).toBeGreaterThan(5)
    expect(summary.counts).toEqual(full.counts)
    expect(summary.attentionCounts).toEqual(full.attentionCounts)
    expect(summary.attentionTotal).toEqual(full.attentionTotal)
    expect(summary.attention).toEqual(full.attention.slice(0, 5))
    expect(summary.board).toEqual([])
    expect(full.board.length).toBeGreaterThan(0)
    for (const [q, field] of [
      ["attention=0", "attention"],
      ["attention=501", "attention"],
      ["board=no", "board"],
    ] as const) {
      const bad = await admin.get(`/api/development/pipeline?${q}`)
      expect(bad.status, q).toBe(400)
      expect((await problemOf(bad)).errors?.[0]?.field).toBe(field)
    }
  })

  it("shows an activist's cultivation plan with progress", async () => {
    const [activist] = await demo.sys.deps.db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.stage, "activist"))
      .limit(1)
    if (!activist) throw new Error("no activist in the demo district")
    const plan = await admin.json<CultivationPlanView>("GET", `/api/development/people/${activist.id}/plan`)
    expect(plan.items.length).toBeGreaterThan(3)
    expect(plan.items.some((i) => i.kind === "assessment" && i.state === "done")).toBe(true)
    expect(plan.items.find((i) => i.kind === "thought-report")?.name).toContain("思想汇报")
    const total = plan.progress.done + plan.progress.due + plan.progress.overdue + plan.progress.upcoming
    expect(total).toBe(plan.items.length)
  })

  it("records a contact's talk, a thought report and an activity, which fulfil the plan's items", async () => {
    const p = await newPerson(secretaryOrg(), "1997-02-11", "孙明远")
    const url = `/api/development/people/${p.id}/cultivation-records`
    // Before cultivation starts there is nothing to record.
    const early = await admin.send("POST", url, {
      kind: "talk",
      onDate: "2024-03-21",
      evidence: { talkedBy: "李明" },
    })
    expect(early.status).toBe(400)
    expect((await problemOf(early)).errors?.[0]?.field).toBe("onDate")
    for (const [step, onDate, evidence] of road.slice(0, 3)) {
      const res = await post(admin, p.id, step, onDate, evidence)
      if (res.status !== 201) throw new Error(`${step}: ${res.status} ${await res.text()}`)
    }
    const before = await admin.json<CultivationPlanView>("GET", `/api/development/people/${p.id}/plan`)
    const firstTalk = before.items.find((i) => i.kind === "talk")
    expect(firstTalk?.state).toBe("overdue")
    const res = await admin.send("POST", url, {
      kind: "talk",
      onDate: "2024-11-20",
      evidence: { talkedBy: "李明", notes: "谈入党动机" },
    })
    expect(res.status).toBe(201)
    const after = (await res.json()) as CultivationPlanView
    expect(after.items.find((i) => i.kind === "talk" && i.dueBy === firstTalk?.dueBy)).toMatchObject({
      state: "done",
      doneOn: "2024-11-20",
    })
    expect(after.progress.overdue).toBe(before.progress.overdue - 1)
    expect(
      (
        await admin.send("POST", url, {
          kind: "thought-report",
          onDate: "2024-12-01",
          evidence: { submittedTo: "党支部" },
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await admin.send("POST", url, {
          kind: "activity",
          onDate: "2024-12-05",
          evidence: { activity: "主题党日" },
        })
      ).status,
    ).toBe(201)
    const bad = await admin.send("POST", url, { kind: "talk", onDate: "2024-12-06", evidence: {} })
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("evidence.talkedBy")
    const t = await admin.json<Timeline>("GET", `/api/development/people/${p.id}`)
    expect(t.cultivation.map((r) => [r.kind, r.onDate, r.name])).toEqual([
      ["talk", "2024-11-20", "培养联系人谈话"],
      ["thought-report", "2024-12-01", "思想汇报"],
      ["activity", "2024-12-05", "参加党组织活动"],
    ])
    const defs = await admin.json<{
      cultivationKinds: { kind: string; evidenceSchema: { required?: string[] } }[]
    }>("GET", "/api/development/steps")
    expect(defs.cultivationKinds.find((k) => k.kind === "talk")?.evidenceSchema.required).toEqual([
      "talkedBy",
    ])
    expect(
      (
        await secretary.send("POST", url, {
          kind: "talk",
          onDate: "2024-12-07",
          evidence: { talkedBy: "李明" },
        })
      ).status,
    ).toBe(201)
  })

  it("analyses the year's composition in the reader's language and exports it", async () => {
    const zh = await admin.json<Composition>("GET", "/api/development/composition?year=2026")
    const en = (await (
      await admin.send("GET", "/api/development/composition?year=2026", undefined, {
        "accept-language": "en",
      })
    ).json()) as Composition
    const sum = (rs: readonly { count: number }[]) => rs.reduce((a, r) => a + r.count, 0)
    expect(sum(zh.byStage)).toBeGreaterThan(0)
    for (const b of [zh.byOccupation, zh.byAgeBand, zh.byEducation, zh.bySex, zh.byOrganization])
      expect(sum(b)).toBe(sum(zh.byStage))
    expect(zh.byStage[0]?.label).toBe("入党申请人")
    expect(en.byStage[0]?.label).toBe("applicants")
    const res = await admin.get("/api/development/composition.xlsx?year=2026")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-disposition")).toMatch(
      /filename="composition-2026\.xlsx"; filename\*=UTF-8''/,
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    expect(wb.getWorksheet("按职业群体")?.getRow(1).getCell(2).value).toBe("入党申请人")
  })

  it("saves the annual plan and reads it back; only admins and officers may", async () => {
    const proposal = await admin.json<AnnualPlan>("GET", "/api/development/annual-plan?year=2027")
    expect(proposal.updatedAt).toBeNull()
    expect(proposal.allocations.length).toBeGreaterThan(5)
    const target = proposal.allocations.find((a) => a.developmentObjects > 0) ?? proposal.allocations[0]
    if (!target) throw new Error("no allocations")
    const saved = await admin.json<AnnualPlan>("PUT", "/api/development/annual-plan", {
      year: 2027,
      total: 40,
      overrides: [{ orgId: target.orgId, quota: 7 }],
    })
    expect(saved.updatedAt).not.toBeNull()
    const again = await admin.json<AnnualPlan>("GET", "/api/development/annual-plan?year=2027")
    expect(again.total).toBe(40)
    expect(again.allocations.find((a) => a.orgId === target.orgId)?.quota).toBe(7)
    expect(again.updatedAt).toBe(saved.updatedAt)
    // A dry run proposes the split of another total and writes nothing: the saved plan stays as it was.
    const dry = await admin.json<AnnualPlan>("GET", "/api/development/annual-plan?year=2027&total=12")
    expect(dry.total).toBe(12)
    expect(dry.updatedAt).toBeNull()
    expect(dry.allocations.reduce((s, a) => s + a.quota, 0)).toBe(
      Math.min(
        12,
        dry.allocations.reduce((s, a) => s + a.developmentObjects, 0),
      ),
    )
    expect(dry.allocations.map((a) => a.orgId)).toEqual(again.allocations.map((a) => a.orgId))
    const still = await admin.json<AnnualPlan>("GET", "/api/development/annual-plan?year=2027")
    expect(still).toEqual(again)
    const bad = await admin.send("PUT", "/api/development/annual-plan", {
      year: 2027,
      total: 40,
      overrides: [{ orgId: "nowhere", quota: 1 }],
    })
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("overrides.0.orgId")
    const refused = await secretary.send("PUT", "/api/development/annual-plan", { year: 2027, total: 1 })
    expect(refused.status).toBe(403)
  })

  it("shows whose verdicts a stricter training minimum would change, masked, and saves nothing", async () => {
    const stricter = { overlay: { trainingMinDays: 7, trainingMinHours: 56 } }
    const r = await admin.json<PolicyImpact>("POST", "/api/development/policy-impact", stricter)
    expect(r.people).toBeGreaterThan(0)
    expect(r.affectedPeople).toBeGreaterThan(0)
    const blocked = r.groups.find((g) => g.rule === "DEV-TRAINING" && g.kind === "newly-blocked")
    expect(blocked?.people).toBeGreaterThan(0)
    for (const s of blocked?.sample ?? []) {
      expect(s.name).toMatch(/^.\*$/u)
      expect(s.idNumber).toMatch(/^\d{3}\*+[\dX]{4}$/)
    }
    // Nothing was saved: the same question again gets the same answer, and no change at all gives none.
    expect(await admin.json<PolicyImpact>("POST", "/api/development/policy-impact", stricter)).toEqual(r)
    const none = await admin.json<PolicyImpact>("POST", "/api/development/policy-impact", { overlay: {} })
    expect(none.changedVerdicts).toBe(0)
    const bad = await admin.send("POST", "/api/development/policy-impact", { overlay: { trainingHours: 40 } })
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("overlay.trainingHours")
    const refused = await secretary.send("POST", "/api/development/policy-impact", stricter)
    expect(refused.status).toBe(403)
  })

  it("records the yearly activist-pool analysis per organization and tells ok, due and overdue (DR 11)", async () => {
    const url = (year: number) => `/api/development/activist-pool-analyses?orgId=c01&year=${year}`
    const before = await admin.json<PoolAnalysisStatus>("GET", url(2026))
    expect(before.status).toBe("due")
    expect(before.verdict.dueBy).toBe("2026-12-31")
    expect(before.verdict.citations[0]).toContain("第十一条")
    expect((await admin.json<PoolAnalysisStatus>("GET", url(2025))).status).toBe("overdue")
    const analysis = {
      on: "2026-03-10",
      orgId: "c01",
      analysedBy: "grassroots-committee",
      activists: 14,
      problems: "青年职工比例偏低",
      measures: "在青年职工中加强宣传和培养",
    }
    const res = await admin.send("POST", "/api/development/activist-pool-analyses", analysis)
    expect(res.status).toBe(201)
    const after = (await res.json()) as PoolAnalysisStatus
    expect(after.status).toBe("ok")
    expect(after.analyses.map((a) => [a.on, a.activists])).toEqual([["2026-03-10", 14]])
    expect((await admin.json<PoolAnalysisStatus>("GET", url(2026))).status).toBe("ok")
    expect((await admin.json<PoolAnalysisStatus>("GET", url(2025))).status).toBe("overdue")
    const { measures: _, ...noMeasures } = analysis
    const bad = await admin.send("POST", "/api/development/activist-pool-analyses", noMeasures)
    expect(bad.status).toBe(400)
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("measures")
    const refused = await secretary.send("POST", "/api/development/activist-pool-analyses", analysis)
    expect(refused.status).toBe(403)
    const outside = await secretary.send("GET", url(2026))
    expect(outside.status).toBe(404)
  })

  it("exports a person's development record with the name and a masked ID number", async () => {
    const p = await newPerson(secretaryOrg(), "1999-01-15", "林雨桐")
    await post(admin, p.id, "apply", "2026-10-08", { receivedBy: "本支部", acceptsProgramme: true })
    await post(admin, p.id, "talk", "2026-10-20", { talkedBy: "王书记" })
    const res = await admin.get(`/api/development/people/${p.id}/export.xlsx`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("spreadsheetml")
    const cd = res.headers.get("content-disposition") ?? ""
    expect(cd).toContain(`filename="development-${p.id}.xlsx"`)
    expect(decodeURIComponent(cd.split("UTF-8''")[1] ?? "")).toBe("林雨桐-发展党员纪实表.xlsx")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const info = wb.getWorksheet("基本信息")
    const cells: string[] = []
    info?.eachRow((r) => {
      cells.push(String(r.getCell(1).value), String(r.getCell(2).value))
    })
    expect(cells).toContain("林雨桐")
    const id = cells[cells.indexOf("公民身份号码") + 1] ?? ""
    expect(id).toMatch(/^\d{3}\*{11}[\dX]{4}$/)
    const steps = wb.getWorksheet("发展步骤")
    const dates: string[] = []
    steps?.eachRow((r) => {
      // A date cell (Excel date), read back as the day it names.
      const v = r.getCell(4).value
      dates.push(v instanceof Date ? v.toISOString().slice(0, 10) : String(v))
    })
    expect(dates).toContain("2026-10-20")
    const [a] = await demo.sys.deps.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, "development.export"), eq(auditLog.objectId, p.id)))
    expect(a?.n).toBe(1)
  })

  it("exports a ledger a branch can file: labels, date cells, done steps as done, the procedure's order", async () => {
    const p = await newPerson(secretaryOrg(), "1998-04-02", "韩思远")
    await post(admin, p.id, "apply", "2026-01-08", { receivedBy: "第一党支部", acceptsProgramme: true })
    await post(admin, p.id, "talk", "2026-01-20", { talkedBy: "王书记" })
    const res = await admin.get(`/api/development/people/${p.id}/export.xlsx`)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const steps = wb.getWorksheet("发展步骤")
    const rows: { name: string; date: unknown; state: string; summary: string; notes: string }[] = []
    steps?.eachRow((r, i) => {
      if (i === 1) return
      rows.push({
        name: String(r.getCell(2).value),
        date: r.getCell(4).value,
        state: String(r.getCell(5).value),
        summary: String(r.getCell(7).value ?? ""),
        notes: String(r.getCell(8).value ?? ""),
      })
    })
    const apply = rows.find((r) => r.name === "递交入党申请书")
    expect(apply?.summary).toBe("接收申请的党组织：第一党支部；承认党的纲领和章程：是")
    expect(apply?.date).toBeInstanceOf(Date)
    expect((apply?.date as Date | undefined)?.toISOString().slice(0, 10)).toBe("2026-01-08")
    expect(apply?.state).toBe("已完成")
    // No internal keys, no notes about steps that cannot be reached yet, no edition notes in step names.
    expect(rows.map((r) => r.summary).join("")).not.toMatch(/receivedBy|acceptsProgramme|true|false/)
    expect(rows.map((r) => r.notes).join("")).not.toContain("须先")
    expect(rows.map((r) => r.name).join("")).not.toContain("2014年")
    // The procedure's order: the district's own step comes right after the step it follows, not last.
    const names = rows.map((r) => r.name)
    expect(names.indexOf("递交入党申请书")).toBeLessThan(names.indexOf("党组织派人谈话"))
    expect(names.at(-1)).not.toMatch(/公示|延长|取消/)
  })

  it("exports the whole board of a subtree, a sheet per stage, not only the 50 the board shows", async () => {
    const p = await newPerson(secretaryOrg(), "1997-07-07", "沈一帆")
    await post(admin, p.id, "apply", "2026-02-03", { receivedBy: "第一党支部", acceptsProgramme: true })
    const res = await secretary.get("/api/development/pipeline.xlsx")
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const counts = ((await (await secretary.get("/api/development/pipeline")).json()) as Pipeline).counts
    const applicants = wb.getWorksheet("入党申请人")
    expect((applicants?.rowCount ?? 1) - 1).toBe(counts.find((c) => c.stage === "applicant")?.count)
    let found: unknown
    applicants?.eachRow((r) => {
      if (r.getCell(2).value === "沈一帆") found = r.getCell(4).value
    })
    expect(found).toBeInstanceOf(Date)
    expect((found as Date | undefined)?.toISOString().slice(0, 10)).toBe("2026-02-03")
    for (const stage of ["入党积极分子", "发展对象", "预备党员"]) expect(wb.getWorksheet(stage)).toBeDefined()
  })

  it("walks one person through all 25 steps, across the 2026 revision, to full membership", async () => {
    const p = await newPerson(secretaryOrg(), "1996-05-20", "周文博")
    // A bearer token: the session of a browser would not survive the clock moving on by months.
    const token = await userWithToken(demo.sys, "district-admin", "d1")
    const officer = new Agent(demo.sys)
    const send = officer.send.bind(officer)
    officer.send = (method, path, body, headers = {}) =>
      send(method, path, body, { ...headers, authorization: `Bearer ${token}` })
    for (const [step, onDate, evidence] of road) {
      if (onDate > "2026-11-27" && demo.sys.clock.now < new Date("2027-08-01T00:00:00Z"))
        demo.sys.clock.now = new Date("2027-08-01T02:00:00Z")
      const res = await post(officer, p.id, step, onDate, evidence)
      if (res.status !== 201) throw new Error(`${step} ${onDate}: ${res.status} ${await res.text()}`)
    }
    const t = await officer.json<Timeline>("GET", `/api/development/people/${p.id}`)
    expect(t.currentStage).toBe("member")
    expect(t.member.stage).toBe("full")
    expect(t.derived.probationEnd).toBe("2027-06-10")
    expect(t.derived.fullMemberSince).toBe(t.derived.probationEnd)
    expect(t.steps.filter((s) => s.number !== null).every((s) => s.state === "done")).toBe(true)
    const [row] = await demo.sys.deps.db.select().from(members).where(eq(members.id, p.id))
    expect(row?.stage).toBe("full")
    expect(row?.admittedOn?.toString()).toBe("2026-06-10")
    expect(row?.fullMemberOn?.toString()).toBe("2027-06-10")
    expect(row?.activistOn?.toString()).toBe("2024-09-10")
    // the 2014 filing and the 2026 steps were each judged by their own edition
    const recs = await demo.sys.deps.db
      .select({ n: count() })
      .from(developmentRecords)
      .where(
        and(
          eq(developmentRecords.memberId, p.id),
          inArray(developmentRecords.step, ["higher-committee-agreement", "oath"]),
        ),
      )
    expect(recs[0]?.n).toBe(2)
    demo.sys.clock.now = new Date("2026-11-27T02:00:00Z")
  })

  it("names the outcome record that closed the procedure in the timeline (closedBy)", async () => {
    const p = await newPerson(secretaryOrg(), "1990-04-02", "高远")
    const before = await admin.json<Timeline>("GET", `/api/development/people/${p.id}`)
    expect(before.closedBy).toBeNull()
    const res = await post(admin, p.id, "direct-admission", "2026-11-02", exampleEvidence["direct-admission"])
    if (res.status !== 201) throw new Error(`direct-admission: ${res.status} ${await res.text()}`)
    const t = (await res.json()) as Timeline
    expect(t.closedBy).toEqual({
      step: "direct-admission",
      name: expect.stringContaining("直接"),
      on: "2026-11-02",
    })
    const en = await admin.json<Timeline>("GET", `/api/development/people/${p.id}`)
    expect(en.closedBy?.on).toBe("2026-11-02")
    expect(en.steps.find((s) => s.step === "talk")?.state).toBe("not-applicable")
  })

  it("offers a step by the date its record would bear: a late approval to back-date, not a birthday to come", async () => {
    const p = await newPerson(secretaryOrg(), "1996-05-20", "吴思远")
    const token = await userWithToken(demo.sys, "district-admin", "d1")
    const officer = new Agent(demo.sys)
    const send = officer.send.bind(officer)
    officer.send = (method, path, body, headers = {}) =>
      send(method, path, body, { ...headers, authorization: `Bearer ${token}` })
    for (const [step, onDate, evidence] of demoRoadUntil("committee-talk", { through: true })) {
      const res = await post(officer, p.id, step, onDate, evidence)
      if (res.status !== 201) throw new Error(`${step} ${onDate}: ${res.status} ${await res.text()}`)
    }
    // Seven months after the branch meeting (2026-06-10) the 6-month limit (DR 25) has passed today, but an
    // approval given on time can still be entered with its own date.
    demo.sys.clock.now = new Date("2027-01-15T02:00:00Z")
    try {
      const t = await officer.json<Timeline>("GET", `/api/development/people/${p.id}`)
      const approval = t.steps.find((s) => s.step === "admission-approval")
      expect(approval?.state).toBe("blocked")
      expect(approval?.recordableUntil).toBe("2026-12-10")
      expect(t.nextSteps.find((n) => n.step === "admission-approval")?.until).toBe("2026-12-10")
      const late = await post(officer, p.id, "admission-approval", "2027-01-14", {
        ...approver,
        collective: true,
      })
      expect(late.status).toBe(422)
      const ok = await post(officer, p.id, "admission-approval", "2026-07-15", {
        ...approver,
        collective: true,
      })
      expect(ok.status).toBe(201)
    } finally {
      demo.sys.clock.now = new Date("2026-11-27T02:00:00Z")
    }
    // Under 18 today: the application is not offered, and the timeline says from when it can be.
    const young = await newPerson(secretaryOrg(), "2009-03-10", "郑小雨")
    const t = await admin.json<Timeline>("GET", `/api/development/people/${young.id}`)
    expect(t.nextSteps.map((n) => n.step)).not.toContain("apply")
    expect(t.steps.find((s) => s.step === "apply")?.recordableFrom).toBe("2027-03-10")
  })

  it("the secretaries' prefill counts the pipeline from its index evaluated afresh where rows were never evaluated (a restore, an import)", async () => {
    type Prefill = { indicators: { development: number | null }; basis: string[] }
    const read = () =>
      admin.json<Prefill>("GET", `/api/appraisal/secretaries/prefill?orgId=${demo.orgOf("admin")}`)
    const before = await read()
    const line = (p: Prefill) => p.basis.find((b) => b.startsWith("development:"))
    expect(line(before)).toMatch(/of [1-9]\d* people/)
    // A restored or imported district has no evaluated index rows, only the marked ones the triggers make as its
    // members are written (nothing in them): the prefill must not read that as a pipeline without overdue steps.
    await demo.sys.deps.db.delete(developmentPipelineIndex)
    await demo.sys.deps.db
      .update(members)
      .set({ version: sql`${members.version}` })
      .where(and(eq(members.status, "normal"), inArray(members.stage, [...pipelineStages])))
    const [marked] = await demo.sys.deps.db
      .select({ n: count() })
      .from(developmentPipelineIndex)
      .where(sql`${developmentPipelineIndex.marks} <> ${developmentPipelineIndex.marksSeen}`)
    expect(marked?.n).toBeGreaterThan(0)
    const after = await read()
    expect(line(after)).toBe(line(before))
    expect(after.indicators.development).toBe(before.indicators.development)
  })
})
