import { dateOfInstant } from "@xianfeng/core"
import { developmentPipelineOf, pipelineStages } from "@xianfeng/db"
import {
  ATTENTION_DAYS,
  attentionOf,
  developmentRuleSets,
  evaluate,
  historyOf,
} from "@xianfeng/development-rules"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Pipeline } from "../src/routes/development/contract.js"
import { Agent, backends, type TestSystem, testSystem, userWithToken } from "./support.js"

/**
 * The pipeline as it was computed before the index: everyone in the subtree evaluated on the day. The route
 * reads stored entries; both must give the same answer. Items with equal urgency may come in either order,
 * so the lists are compared by their urgency keys, and as sets.
 */
const fullEvaluation = async (sys: TestSystem, orgId: string | undefined, days = ATTENTION_DAYS) => {
  const today = dateOfInstant(sys.deps.now())
  const scope = { orgId: "d1", orgPath: "d1" }
  const { people, records, counts, policy } = await developmentPipelineOf(sys.deps.db, scope, orgId)
  const attention = attentionOf(
    people.flatMap((person) => {
      const rows = records.get(person.id)
      if (rows === undefined) return []
      return [
        { person, steps: evaluate(historyOf(person, rows, today), today, developmentRuleSets, policy).steps },
      ]
    }),
    today,
    days,
  )
  const board = pipelineStages.map((stage) => ({
    stage,
    // The stage's true size; the board shows at most 50 of it.
    total: people.filter((p) => p.stage === stage).length,
    people: people
      .filter((p) => p.stage === stage)
      .map((p) => {
        const since =
          stage === "applicant"
            ? p.appliedOn
            : stage === "activist"
              ? p.activistOn
              : stage === "development-object"
                ? p.developmentObjectOn
                : p.admittedOn
        return { memberId: p.id, name: p.name, orgName: p.orgName, since: since?.toString() ?? null }
      })
      .sort(
        (a, b) =>
          (a.since ?? "9999").localeCompare(b.since ?? "9999") || a.memberId.localeCompare(b.memberId),
      )
      .slice(0, 50),
  }))
  return {
    counts: [...pipelineStages, "full" as const].map((stage) => ({
      stage,
      count: counts.find((r) => r.stage === stage)?.count ?? 0,
    })),
    attention: attention.map((i) => ({
      memberId: i.person.id,
      step: i.step.step,
      state: i.state,
      dueBy: i.dueBy.toString(),
      name: i.person.name,
    })),
    board,
  }
}

const urgency = (a: { state: string; dueBy: string; name: string }) => `${a.state}|${a.dueBy}|${a.name}`
const key = (a: { memberId: string; step: string; state: string; dueBy: string }) =>
  `${a.memberId}|${a.step}|${a.state}|${a.dueBy}`

describe.each(backends)("the pipeline index on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  beforeAll(async () => {
    sys = await testSystem(backend)
    const token = await userWithToken(sys, "district-admin", "d1")
    admin = new Agent(sys)
    const send = admin.send.bind(admin)
    admin.send = (method, path, body, headers = {}) =>
      send(method, path, body, { ...headers, authorization: `Bearer ${token}` })
  })
  afterAll(async () => {
    await sys.stop()
  })

  const compare = async (orgId?: string, days?: number) => {
    const q = new URLSearchParams({ ...(orgId ? { orgId } : {}), ...(days ? { days: String(days) } : {}) })
    const stored = await admin.json<Pipeline>("GET", `/api/development/pipeline?${q}`)
    const full = await fullEvaluation(sys, orgId, days)
    expect(stored.counts).toEqual(full.counts)
    expect(stored.board).toEqual(full.board)
    expect(stored.attentionTotal).toBe(full.attention.length)
    expect(stored.attentionCounts).toEqual({
      overdue: full.attention.filter((a) => a.state === "overdue").length,
      due: full.attention.filter((a) => a.state !== "overdue").length,
    })
    expect(stored.attention.map(urgency)).toEqual(full.attention.slice(0, 500).map(urgency))
    if (full.attention.length <= 500)
      expect(stored.attention.map(key).sort()).toEqual(full.attention.map(key).sort())
    return stored
  }

  it("answers as a full evaluation of the demo district would, today", async () => {
    const p = await compare()
    expect(p.attentionTotal ?? 0).toBeGreaterThan(0)
    await compare(undefined, 90)
    await compare("c01")
  })

  it("still answers the same once days pass and stored entries come due again", async () => {
    const start = sys.clock.now
    try {
      for (const days of [20, 75, 200]) {
        sys.clock.now = new Date(start.getTime() + days * 86_400_000)
        await compare()
        await compare("c01", 60)
      }
    } finally {
      sys.clock.now = start
    }
    // Back on the first day, entries from later days no longer count.
    await compare()
  })

  it("takes a newly recorded step into the index at once", async () => {
    const stored = await admin.json<Pipeline>("GET", "/api/development/pipeline?orgId=c01")
    const first = stored.attention.find((a) => a.step === "talk")
    if (first !== undefined) {
      const res = await admin.send("POST", `/api/development/people/${first.memberId}/records`, {
        step: "talk",
        onDate: dateOfInstant(sys.deps.now()).toString(),
        evidence: { talkedBy: "王书记" },
      })
      expect(res.status).toBe(201)
      const after = await compare("c01")
      expect(after.attention.some((a) => a.memberId === first.memberId && a.step === "talk")).toBe(false)
    }
    await compare()
  })
})
