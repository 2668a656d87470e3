import { applyOverlay, daysBetween, type PlainDate, Temporal } from "@xianfeng/core"
import { hashSeed, int, mulberry32 } from "@xianfeng/core/testing"
import {
  linkDevelopmentRecords,
  type MeetingFields,
  type RollMember,
  rollOfOrgs,
  saveDevelopmentPolicy,
  stageColumnsOf,
  unlinkedAdmissions,
  writeDevelopmentRecords,
  writeMeetings,
} from "@xianfeng/db"
import {
  decodeStepRecord,
  demoDistrictOverlay,
  deriveDates,
  developmentPolicy,
  developmentRuleSets,
  editionResolver,
  type History,
} from "@xianfeng/development-rules"
import { Result } from "effect"
import type { DemoContext, DemoContributor } from "../contributor.js"
import { uuidOf } from "../ids.js"
import type { DemoMember } from "../member.js"
import { approverOf, type DemoHistory, demoHistory } from "./histories.js"

/** The demo district's development policy: the national defaults with `demoDistrictOverlay`. */
export const demoDevelopmentPolicy = Result.getOrThrow(applyOverlay(developmentPolicy, demoDistrictOverlay))
const editionOn = editionResolver(developmentRuleSets)

/** The history as the rules library reads it (the stored JSON, decoded by the library's schemas). */
export const demoHistoryForRules = (m: DemoMember): History => ({
  person: { birthDate: m.birthDate, migrant: false, gender: m.sex },
  records: m.development.map((r) =>
    Result.getOrThrow(decodeStepRecord({ step: r.step, on: r.onDate.toString(), evidence: r.evidence })),
  ),
})

/**
 * The same history without running the schemas (the generator knows its own evidence: only the notice holds
 * dates), for speed at a million members; the tests decode every record with `demoHistoryForRules`.
 */
const fastHistory = (m: DemoMember): History => ({
  person: { birthDate: m.birthDate, migrant: false, gender: m.sex },
  records: m.development.map((r) => {
    const e = r.evidence as Record<string, unknown>
    const evidence =
      r.step === "public-notice"
        ? {
            ...e,
            start: Temporal.PlainDate.from(String(e.start)),
            end: Temporal.PlainDate.from(String(e.end)),
          }
        : e
    return { step: r.step, on: r.onDate, evidence } as unknown as History["records"][number]
  }),
})

/**
 * Gives a member who is on the road to membership a development history anchored on the drawn stage date,
 * then takes the stage dates from the history as the rules library derives them, so the two always agree.
 */
const withDevelopment = (m: DemoMember, district: DemoContext): DemoMember => {
  if (m.stage === "full") return m
  const branch = district.orgById.get(m.orgId)
  if (branch === undefined) return m
  const anchorOn =
    m.stage === "applicant"
      ? m.appliedOn
      : m.stage === "activist"
        ? m.activistOn
        : m.stage === "development-object"
          ? m.developmentObjectOn
          : m.admittedOn
  if (anchorOn === null) return m
  const rng = mulberry32(hashSeed(district.seed, "development", m.id))
  const h: DemoHistory = demoHistory(
    rng,
    m.stage,
    anchorOn,
    district.asOf,
    { branch, approver: approverOf(branch, district.orgById), sex: m.sex },
    demoDevelopmentPolicy,
    m.birthDate.add({ years: 18, days: 1 }),
  )
  const withRecords = { ...m, development: h.records.map((r, k) => ({ ...r, id: uuidOf(`${m.id}/${k}`) })) }
  const derived = deriveDates(fastHistory(withRecords), editionOn, demoDevelopmentPolicy, district.asOf)
  const { stage, ...dates } = stageColumnsOf(derived)
  return {
    ...withRecords,
    stage: stage ?? m.stage,
    appliedOn: dates.appliedOn ?? null,
    activistOn: dates.activistOn ?? null,
    developmentObjectOn: dates.developmentObjectOn ?? null,
    admittedOn: dates.admittedOn ?? null,
    fullMemberOn: dates.fullMemberOn ?? null,
    developmentProblem: h.problem ?? null,
  }
}

/** How many admissions of the demo district are recorded from their branch general meeting. */
const LINKED_ADMISSIONS = 24

/** Full on `on`: made full on or before it. Probationary on `on`: admitted before it and not yet full. */
const fullOn = (m: RollMember, on: PlainDate) =>
  m.fullMemberOn !== null && daysBetween(m.fullMemberOn, on) >= 0
const probationaryOn = (m: RollMember, on: PlainDate) =>
  m.admittedOn !== null && daysBetween(m.admittedOn, on) > 0 && !fullOn(m, on)

/**
 * Some admissions decided at a branch general meeting recorded once (DR 19): for admissions seven to eighteen
 * months back (before the roll-call window the standing alerts read, so no alert moves), the branch's general
 * meeting of that day with its roll call — every full and probationary member of the day ticked, present or on
 * leave, so the headcounts are the ticks — and the ballot on the person; the admission record then links the
 * meeting and carries its figures (more than half present and voting yes, as the admission needs).
 */
const linkAdmissionMeetings = async (
  tx: Parameters<NonNullable<DemoContributor["finish"]>>[0],
  district: DemoContext,
): Promise<Readonly<Record<string, number>>> => {
  const { asOf } = district
  const candidates = (
    await unlinkedAdmissions(tx, asOf.subtract({ months: 18 }), asOf.subtract({ months: 7 }))
  ).filter((a) => hashSeed(district.seed, "development-meeting-link", a.recordId) % 4 === 0)
  const roll = await rollOfOrgs(
    tx,
    candidates.map((a) => a.orgId),
  )
  const recordedAt = new Date(`${asOf.toString()}T00:00:00Z`)
  const meetings: MeetingFields[] = []
  const links: { recordId: string; evidence: Record<string, unknown> }[] = []
  for (const a of candidates) {
    if (links.length >= LINKED_ADMISSIONS) break
    const rng = mulberry32(hashSeed(district.seed, "development-meeting", a.recordId))
    const ofBranch = roll.filter((m) => m.orgId === a.orgId && m.id !== a.memberId)
    const full = ofBranch.filter((m) => fullOn(m, a.onDate))
    const probationary = ofBranch.filter((m) => probationaryOn(m, a.onDate))
    if (full.length < 3) continue
    // Strictly more than half present (DR 19), yes votes above half of the expected (DR 20): at most one in
    // five away, and never half of them.
    const away = int(rng, 0, Math.min(Math.floor(full.length / 5), Math.floor((full.length - 1) / 2)))
    const present = full.length - away
    const yes = present - int(rng, 0, Math.min(1, present - Math.floor(full.length / 2) - 1))
    const ballot = {
      expectedVoters: full.length,
      presentVoters: present,
      writtenOpinions: 0,
      yesVotes: yes,
      noVotes: present - yes,
      abstentions: 0,
    }
    meetings.push({
      orgId: a.orgId,
      types: ["general-meeting"],
      onDate: a.onDate,
      startTime: "14:30",
      endTime: "16:30",
      place: "党员活动室",
      chair: "支部书记",
      recorder: "组织委员",
      expectedFull: full.length,
      expectedProbationary: probationary.length,
      presentFull: present,
      presentProbationary: probationary.length,
      observers: [],
      firstItem: { topic: "学习习近平总书记最新重要讲话精神", form: "集中学习" },
      agenda: ["第一议题学习", `讨论接收${a.name}为预备党员`],
      resolutions: [],
      votes: [{ matter: "admission", subject: a.name, ...ballot }],
      attendance: [
        ...full.map((m, i) => ({ memberId: m.id, present: i >= away, reason: i >= away ? "" : "请假" })),
        ...probationary.map((m) => ({ memberId: m.id, present: true, reason: "" })),
      ],
      recordedBy: null,
      recordedAt,
    })
    links.push({
      recordId: a.recordId,
      evidence: { ...a.evidence, ...ballot, probationaryPresent: probationary.length },
    })
  }
  const written = await writeMeetings(tx, meetings)
  const linked = await linkDevelopmentRecords(
    tx,
    links.map((l, i) => ({ ...l, meetingId: written[i]?.id ?? "" })),
  )
  return { disciplineMeetings: written.length, linkedDevelopmentRecords: linked }
}

/**
 * Development's part: a history for every applicant, activist, development object and probationary member,
 * the district's own development settings (three-level pre-review, longer training…), and the records.
 */
export const developmentContributor: DemoContributor = {
  area: "development",
  member: withDevelopment,
  setup: async (tx) => {
    await saveDevelopmentPolicy(tx, "d1", { ...demoDistrictOverlay })
  },
  rows: async (tx, batch) => ({
    developmentRecords: await writeDevelopmentRecords(
      tx,
      batch.flatMap((m) =>
        m.development.map((r) => ({
          id: r.id,
          memberId: m.id,
          step: r.step,
          onDate: r.onDate.toString(),
          evidence: r.evidence,
        })),
      ),
    ),
  }),
  finish: linkAdmissionMeetings,
}
