import { makeIdNumber, Temporal } from "@xianfeng/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { MemberDetail, MemberPage, Org } from "../src/routes/platform/contract.js"
import { Agent, backends, problemOf, SMALL_DEMO_MEMBERS, type TestSystem, testSystem } from "./support.js"

/**
 * Bad input is a 400 naming the field, never a 500: text the database cannot store, numbers its columns
 * cannot hold, dates that do not exist; and a unique value taken by a simultaneous request is a 409.
 */
describe.each(backends)("bad input on %s", (backend) => {
  let sys: TestSystem
  let admin: Agent
  let member: MemberDetail
  let org: Org
  let seq = 600
  const newMember = (orgId: string, extra: Record<string, unknown> = {}) => ({
    orgId,
    name: "王五",
    idNumber: makeIdNumber("330199", Temporal.PlainDate.from("1990-04-05"), seq++),
    ethnicity: "01",
    education: "21",
    occupationGroup: "worker",
    stage: "applicant",
    ...extra,
  })

  beforeAll(async () => {
    sys = await testSystem(backend, { demoMembers: SMALL_DEMO_MEMBERS })
    admin = new Agent(sys)
    await admin.login("admin")
    const first = (await admin.json<MemberPage>("GET", "/api/members?pageSize=1")).items[0]
    if (!first) throw new Error("no members")
    member = await admin.json<MemberDetail>("GET", `/api/members/${first.id}`)
    org = await admin.json<Org>("GET", `/api/orgs/${first.orgId}`)
  })
  afterAll(async () => {
    await sys.stop()
  })

  const expectField = async (res: Response, field: string, status = 400) => {
    expect(res.status, await res.clone().text()).toBe(status)
    const p = await problemOf(res)
    expect(p.errors?.map((e) => e.field)).toContain(field)
  }

  for (const [kind, bad, inUrl] of [
    ["a NUL character", "张\u0000三", "%00"],
    // In a URL a surrogate can only come as its (invalid) UTF-8 bytes.
    ["a lone surrogate", "张\ud800三", "%ED%A0%80"],
  ] as const) {
    it(`refuses ${kind} in every text field and query parameter, naming the field`, async () => {
      const anonymous = new Agent(sys)
      await expectField(
        await anonymous.send("POST", "/api/auth/login", { username: bad, password: "x" }),
        "username",
      )
      await expectField(await admin.send("POST", "/api/auth/tokens", { name: bad }), "name")
      await expectField(
        await admin.send("POST", "/api/orgs", { id: "bbad1", parentId: org.id, kind: "branch", name: bad }),
        "name",
      )
      await expectField(await admin.send("POST", "/api/members", newMember(org.id, { name: bad })), "name")
      await expectField(
        await admin.send("POST", "/api/members", newMember(org.id, { education: bad })),
        "education",
      )
      const q = await admin.get(`/api/members?q=${inUrl}`)
      if (inUrl === "%00") await expectField(q, "q")
      else expect(q.status).toBeLessThan(500)
      await expectField(
        await admin.send("POST", `/api/members/${member.id}/reveal-id`, { reason: `核查${bad}` }),
        "reason",
      )
      await expectField(
        await admin.send("POST", `/api/development/people/${member.id}/records`, {
          step: "apply",
          onDate: "2026-11-02",
          evidence: { receivedBy: bad, acceptsProgramme: true },
        }),
        "evidence.receivedBy",
      )
    })
  }

  it("exports a person whose education is a word objects know (__proto__, toString) as that word", async () => {
    for (const education of ["__proto__", "toString", "valueOf"]) {
      const m = await admin.json<MemberDetail>("POST", "/api/members", newMember(org.id, { education }))
      const res = await admin.get(`/api/development/people/${m.id}/export.xlsx`)
      expect(res.status, await res.clone().text()).toBe(200)
    }
  })

  it("refuses a version its column cannot hold (2^31) on PATCH member, transfer and PATCH org", async () => {
    const big = 2_147_483_648
    await expectField(
      await admin.send("PATCH", `/api/members/${member.id}`, { version: big, name: "王五" }),
      "version",
    )
    await expectField(
      await admin.send("POST", `/api/members/${member.id}/transfer`, { toOrgId: org.id, version: big }),
      "version",
    )
    await expectField(
      await admin.send("PATCH", `/api/orgs/${org.id}`, { version: big, name: "新名" }),
      "version",
    )
  })

  it("names a date that does not exist as the client sent it (onDate, not on)", async () => {
    for (const onDate of ["2026-02-30", "2026-13-01", "yesterday", "+02026-01-01"]) {
      await expectField(
        await admin.send("POST", `/api/development/people/${member.id}/records`, {
          step: "apply",
          onDate,
          evidence: { receivedBy: "本支部", acceptsProgramme: true },
        }),
        "onDate",
      )
    }
  })

  it("answers a taken ID number or username with 409 naming the field, even when two creates race", async () => {
    const body = newMember(org.id)
    const racing = await Promise.all([
      admin.send("POST", "/api/members", body),
      admin.send("POST", "/api/members", body),
    ])
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409])
    await expectField(racing.find((r) => r.status === 409) as Response, "idNumber", 409)
    await expectField(await admin.send("POST", "/api/members", body), "idNumber", 409)

    const user = {
      username: "race-user",
      displayName: "竞",
      role: "branch-secretary",
      orgId: org.id,
      password: "a-long-password",
    }
    const users = await Promise.all([
      admin.send("POST", "/api/users", user),
      admin.send("POST", "/api/users", user),
    ])
    expect(users.map((r) => r.status).sort()).toEqual([201, 409])
    await expectField(users.find((r) => r.status === 409) as Response, "username", 409)
    await expectField(await admin.send("POST", "/api/users", user), "username", 409)
  })
})
