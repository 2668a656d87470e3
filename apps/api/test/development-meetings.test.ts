import { date, makeIdNumber } from "@xianfeng/core"
import { developmentRecords } from "@xianfeng/db"
import { demoRoadUntil } from "@xianfeng/development-rules/testing"
import { count, eq } from "drizzle-orm"
import { beforeAll, describe, expect, it } from "vitest"
import type { DecidingMeetings, Timeline } from "../src/routes/development/contract.js"
import type { MeetingBody, MeetingView } from "../src/routes/discipline/contract.js"
import type { MemberDetail } from "../src/routes/platform/contract.js"
import { type Agent, backends, problemOf, useDemo } from "./support.js"

interface MemberItem {
  readonly id: string
  readonly orgId: string
  readonly stage: string
}

/** What the meeting record cannot hold, typed with the linked step. */
const ballot = { candidatesInBallot: 1, secretBallot: true }

// A development step linked to the meeting that decided it, on every backend.
describe.each(backends)("development steps decided at a meeting on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1"] })
  const { admin, secretary1: secretary } = demo.agents
  let branchId: string
  let full: readonly MemberItem[]
  let probationary: readonly MemberItem[]
  let seq = 300

  const newPerson = async (orgId: string, name: string): Promise<MemberDetail> =>
    admin.json<MemberDetail>("POST", "/api/members", {
      orgId,
      name,
      idNumber: makeIdNumber("330199", date("1998-03-10"), seq++ * 2),
      ethnicity: "01",
      education: "21",
      occupationGroup: "worker",
      stage: "applicant",
    })
  const post = (memberId: string, body: Record<string, unknown>, agent = secretary) =>
    agent.send("POST", `/api/development/people/${memberId}/records`, body, { "accept-language": "en" })
  const recordsOf = async (memberId: string) => {
    const [r] = await demo.sys.deps.db
      .select({ n: count() })
      .from(developmentRecords)
      .where(eq(developmentRecords.memberId, memberId))
    return r?.n ?? 0
  }
  /** A person of the secretary's branch whose road has reached the admission meeting. */
  const readyForAdmission = async (name: string) => {
    const p = await newPerson(branchId, name)
    for (const [step, onDate, evidence] of demoRoadUntil("admission-meeting")) {
      const res = await post(p.id, { step, onDate, evidence })
      if (res.status !== 201) throw new Error(`${step}: ${res.status} ${await res.text()}`)
    }
    return p
  }
  /** A sitting of the branch, every full member but `absent` ticked present, with `votes`. */
  const sitting = (x: Partial<MeetingBody> & { absent?: number } = {}): MeetingBody => {
    const absent = x.absent ?? 1
    const present = full.slice(absent)
    const { absent: _, ...rest } = x
    return {
      orgId: branchId,
      types: ["general-meeting"],
      date: "2026-06-10",
      startTime: "14:30",
      endTime: "16:00",
      place: "党员活动室",
      chair: "支部书记",
      recorder: "组织委员",
      expected: { full: full.length, probationary: probationary.length },
      present: { full: present.length, probationary: probationary.length },
      attendance: [
        ...present.map((m) => ({ memberId: m.id, present: true })),
        ...probationary.map((m) => ({ memberId: m.id, present: true })),
        ...full.slice(0, absent).map((m) => ({ memberId: m.id, present: false, reason: "出差" })),
      ],
      observers: [],
      firstItem: { topic: "学习习近平总书记最新重要讲话精神", form: "集中学习" },
      agenda: ["第一议题学习", "讨论接收预备党员"],
      resolutions: [],
      votes: [],
      ...rest,
    }
  }
  const vote = (subject: string, presentVoters: number, yesVotes = presentVoters) => ({
    matter: "admission" as const,
    subject,
    expectedVoters: full.length,
    presentVoters,
    writtenOpinions: 0,
    yesVotes,
    noVotes: presentVoters - yesVotes,
    abstentions: 0,
  })
  const recordMeeting = async (body: MeetingBody, agent = secretary) => {
    const res = await agent.send("POST", "/api/discipline/meetings", body)
    if (res.status !== 201) throw new Error(`meeting: ${res.status} ${await res.text()}`)
    return (await res.json()) as MeetingView
  }

  beforeAll(async () => {
    branchId = demo.orgOf("secretary1")
    const mine = await secretary.json<{ items: MemberItem[] }>(
      "GET",
      `/api/members?orgId=${branchId}&pageSize=100`,
    )
    full = mine.items.filter((m) => m.orgId === branchId && m.stage === "full")
    probationary = mine.items.filter((m) => m.orgId === branchId && m.stage === "probationary")
    if (full.length < 4) throw new Error("the demo branch lacks full members for this test")
  })

  it("records an admission from the meeting: date, ballot and probationary present come from the record", async () => {
    const p = await readyForAdmission("林小梅")
    const m = await recordMeeting(sitting({ votes: [vote("林小梅", full.length - 1)] }))
    const choices = await secretary.json<DecidingMeetings>(
      "GET",
      `/api/development/people/${p.id}/meetings?step=admission-meeting`,
    )
    expect(choices.kind).toBe("general-meeting")
    expect(choices.citations.join()).toContain("第十九条")
    const offered = choices.items.find((i) => i.id === m.id)
    expect(offered).toMatchObject({ problems: [], filled: { presentVoters: full.length - 1 } })

    const res = await post(p.id, { step: "admission-meeting", evidence: ballot, meetingId: m.id })
    expect(res.status).toBe(201)
    const t = (await res.json()) as Timeline
    const rec = t.steps.find((s) => s.step === "admission-meeting")?.records[0]
    expect(rec?.onDate).toBe("2026-06-10")
    expect(rec?.meeting).toEqual({ id: m.id, date: "2026-06-10", types: ["general-meeting"] })
    expect(rec?.evidence).toMatchObject({
      expectedVoters: full.length,
      presentVoters: full.length - 1,
      yesVotes: full.length - 1,
      probationaryPresent: probationary.length,
      secretBallot: true,
    })
    expect(t.derived.admittedOn).toBe("2026-06-10")
    // The timeline read afresh shows the link too.
    const again = await secretary.json<Timeline>("GET", `/api/development/people/${p.id}`)
    expect(again.steps.find((s) => s.step === "admission-meeting")?.records[0]?.meeting?.id).toBe(m.id)
    // The meeting lists the decision taken at it.
    const detail = await secretary.json<MeetingView>("GET", `/api/discipline/meetings/${m.id}`)
    expect(detail.developmentDecisions).toEqual([
      expect.objectContaining({
        memberId: p.id,
        name: "林小梅",
        step: "admission-meeting",
        date: "2026-06-10",
      }),
    ])
  })

  it("judges the quorum on the meeting's numbers: half of the voters present is not more than half (DR 19)", async () => {
    const p = await readyForAdmission("周海燕")
    const half = Math.floor(full.length / 2)
    const m = await recordMeeting(
      sitting({ date: "2026-06-11", absent: full.length - half, votes: [vote("周海燕", half)] }),
    )
    const before = await recordsOf(p.id)
    const res = await post(p.id, { step: "admission-meeting", evidence: ballot, meetingId: m.id })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { verdicts: { code: string; citations: string[] }[] }
    expect(body.verdicts.map((v) => v.code)).toContain("DEV-QUORUM.no-quorum")
    expect(await recordsOf(p.id)).toBe(before)
  })

  it("refuses each bad link with 422 naming the field and the reason, and writes nothing", async () => {
    const p = await readyForAdmission("郑文静")
    const good = await recordMeeting(
      sitting({ date: "2026-06-12", votes: [vote("郑文静", full.length - 1)] }),
    )
    const committee = await recordMeeting(
      sitting({ date: "2026-06-12", types: ["committee-meeting"], votes: [vote("郑文静", full.length - 1)] }),
    )
    const noBallot = await recordMeeting(
      sitting({ date: "2026-06-12", votes: [vote("别人", full.length - 1)] }),
    )
    // Another branch's general meeting, recorded by the district.
    const all = await admin.json<{ items: MemberItem[] }>("GET", "/api/members?pageSize=100&stage=full")
    const otherBranch = all.items.find((m) => m.orgId !== branchId)?.orgId ?? ""
    const theirs = (
      await admin.json<{ items: MemberItem[] }>(
        "GET",
        `/api/members?orgId=${otherBranch}&pageSize=100&stage=full`,
      )
    ).items.filter((m) => m.orgId === otherBranch)
    const foreign = await recordMeeting(
      {
        ...sitting({ date: "2026-06-12" }),
        orgId: otherBranch,
        expected: { full: theirs.length, probationary: 0 },
        present: { full: theirs.length, probationary: 0 },
        attendance: theirs.map((m) => ({ memberId: m.id, present: true })),
        votes: [{ ...vote("郑文静", theirs.length), expectedVoters: theirs.length }],
      },
      admin,
    )
    const before = await recordsOf(p.id)
    const cases: readonly (readonly [string, Record<string, unknown>, string, string, Agent?])[] = [
      ["unknown meeting", { meetingId: "00000000-0000-4000-8000-000000000000" }, "meetingId", "not-found"],
      // Outside the secretary's branch the meeting is not even seen; the district sees it is another branch's.
      ["another branch's, for the branch", { meetingId: foreign.id }, "meetingId", "not-found"],
      [
        "another branch's, for the district",
        { meetingId: foreign.id },
        "meetingId",
        "other-organization",
        admin,
      ],
      ["the wrong kind", { meetingId: committee.id }, "meetingId", "wrong-kind"],
      ["no ballot on the person", { meetingId: noBallot.id }, "meetingId", "no-vote"],
      ["another date", { meetingId: good.id, onDate: "2026-06-13" }, "onDate", "not-meeting-date"],
      [
        "a typed figure that disagrees",
        { meetingId: good.id, evidence: { ...ballot, yesVotes: 1 } },
        "evidence.yesVotes",
        "disagrees-with-meeting",
      ],
    ]
    for (const [what, x, field, reason, agent] of cases) {
      const res = await post(p.id, { step: "admission-meeting", evidence: ballot, ...x }, agent)
      expect(res.status, what).toBe(422)
      expect((await problemOf(res)).errors, what).toContainEqual(expect.objectContaining({ field, reason }))
    }
    // A step not decided at a meeting cannot link one.
    const oath = await post(p.id, {
      step: "oath",
      onDate: "2026-06-12",
      evidence: { organizer: "c01", collective: true },
      meetingId: good.id,
    })
    expect(oath.status).toBe(422)
    expect((await problemOf(oath)).errors?.[0]).toMatchObject({
      field: "meetingId",
      reason: "not-decided-at-meeting",
    })
    expect(await recordsOf(p.id)).toBe(before)
  })

  it("refuses a meeting edit that would change a linked step's ballot or date, naming the field; other edits pass", async () => {
    const p = await readyForAdmission("吴佳怡")
    const m = await recordMeeting(sitting({ date: "2026-06-15", votes: [vote("吴佳怡", full.length - 1)] }))
    expect((await post(p.id, { step: "admission-meeting", evidence: ballot, meetingId: m.id })).status).toBe(
      201,
    )
    const { id: _, recordedAt: __, developmentDecisions: ___, ...body } = m
    const url = `/api/discipline/meetings/${m.id}`
    const fewerYes = await secretary.send("PUT", url, {
      ...body,
      votes: [vote("吴佳怡", full.length - 1, full.length - 2)],
    })
    expect(fewerYes.status).toBe(422)
    const problem = await problemOf(fewerYes)
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ field: "votes[0].yesVotes", reason: "linked-development-step" }),
    )
    expect(problem.errors?.[0]?.message).toContain("吴佳怡")
    const moved = await secretary.send("PUT", url, { ...body, date: "2026-06-16" })
    expect(moved.status).toBe(422)
    expect((await problemOf(moved)).errors?.map((e) => e.field)).toContain("date")
    const kept = await secretary.json<MeetingView>("GET", url)
    expect(kept).toMatchObject({ version: m.version, date: "2026-06-15" })
    // Place and agenda are not what the step was decided on.
    const place = await secretary.send("PUT", url, { ...body, place: "会议室" })
    expect(place.status).toBe(200)
    expect(((await place.json()) as MeetingView).developmentDecisions?.map((d) => d.memberId)).toEqual([p.id])
  })
})
