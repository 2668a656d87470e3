/**
 * Realistic development histories for the rules benchmark, built from the public types of
 * `@xianfeng/development-rules` (the package exports no generator). A seeded PRNG (mulberry32) draws the
 * application date (2014 edition, across the 2026 change, 2026 edition), the gaps between steps within the
 * national limits, whether the person is a migrant, where the history stops (most people are mid-way) and
 * how long after the last record it is judged (so some steps are due or overdue).
 */
import { date, nthWorkingDay, type PlainDate, Temporal } from "@xianfeng/core"
import {
  type EvidenceOf,
  type History,
  type MemberRef,
  nationalPolicy,
  type StepId,
  type StepRecord,
} from "@xianfeng/development-rules"

export const mulberry32 = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
export type Rng = () => number
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1))

const member = (name: string): MemberRef => ({
  name,
  status: "full",
  fullMemberSince: date("2010-07-01"),
  sanctions: [],
})

const approver = {
  approver: { id: "c01", kind: "party-committee" as const, path: "d1.c01" },
  parentKind: "district-committee" as const,
  documentNo: "党委〔2026〕1号",
}

const meeting: EvidenceOf<"admission-meeting"> = {
  expectedVoters: 20,
  presentVoters: 15,
  writtenOpinions: 2,
  yesVotes: 16,
  noVotes: 1,
  abstentions: 0,
  probationaryPresent: 2,
  candidatesInBallot: 1,
  secretBallot: true,
}

type Defaults = {
  readonly [S in Exclude<
    StepId,
    "probation-extension" | "probation-cancellation" | "transfer-in"
  >]: EvidenceOf<S>
}
const defaults: Defaults = {
  apply: { receivedBy: "b0457", acceptsProgramme: true },
  talk: { talkedBy: "王书记" },
  "activist-decision": { source: "member-recommendation", decidedBy: "branch-committee" },
  "activist-filing": { filedWith: "c01" },
  "contacts-assigned": { contacts: [member("李明"), member("张华")] },
  "activist-assessment": { assessedBy: "李明", comment: "表现良好" },
  "development-object-decision": {
    decidedBy: "branch-committee",
    opinionsHeard: ["party-group", "contacts", "members", "non-members"],
  },
  "higher-committee-agreement": { committeeId: "c01", kind: "agreement" },
  "public-notice": { start: date("2026-06-01"), end: date("2026-06-05"), places: ["单位公示栏"] },
  introducers: { introducers: [member("李明"), member("张华")] },
  "political-review": {
    conclusion: "政治审查合格",
    passed: true,
    items: [
      "beliefs",
      "political-conduct",
      "attitude-to-line",
      "political-history",
      "urgent-tasks",
      "law-and-ethics",
      "online-behaviour",
      "family-and-relations",
    ],
    jointReview: true,
  },
  training: { days: 3, hours: 24, mode: "in-person", organizer: "区委党校" },
  "committee-review": { opinion: "同意", collective: true },
  "pre-review": { level: "party-committee", reviewer: "c01", passed: true, written: true },
  "application-form": { formNo: "0001234", introducerOpinions: true },
  "admission-meeting": meeting,
  "committee-talk": { talkedBy: "组织员赵", role: "organiser" },
  "admission-approval": { ...approver, collective: true },
  "admission-filing": { filedWith: "区委组织部" },
  placement: { branchId: "b0457" },
  oath: { organizer: "c01", collective: false },
  "probation-assessment": { assessedBy: "李明", comment: "表现良好" },
  "conversion-application": { written: true },
  "conversion-meeting": meeting,
  "conversion-approval": { ...approver, collective: true },
  archive: {
    items: [
      "application-form",
      "application-letter",
      "activist-register",
      "political-review",
      "probation-register",
      "conversion-application",
    ],
    fileKind: "personnel-file",
  },
}

const rec = <S extends keyof Defaults>(step: S, on: PlainDate, evidence: Partial<EvidenceOf<S>> = {}) =>
  ({ step, on, evidence: { ...defaults[step], ...evidence } }) as unknown as StepRecord

/** Keeps a date at day ≤ 28 so that "one month" never clamps. */
const safe = (x: PlainDate): PlainDate => (x.day > 28 ? x.with({ day: 28 }) : x)
const max = (...xs: PlainDate[]): PlainDate =>
  xs.reduce((a, b) => (Temporal.PlainDate.compare(a, b) >= 0 ? a : b))
const CHANGE = date("2026-05-11")
const items2014 = ["attitude-to-line", "political-history", "law-and-ethics", "family-and-relations"] as const

/** A full, valid timeline from `apply` to `archive` (the order the Detailed Rules prescribe). */
const timeline = (rng: Rng, start: PlainDate, migrant: boolean): StepRecord[] => {
  const policy = nationalPolicy
  const r: StepRecord[] = []
  const apply = safe(start)
  r.push(rec("apply", apply))
  const talk = safe(apply.add({ days: int(rng, 0, 25) }))
  r.push(rec("talk", talk))
  const activistBase = policy.activistMinWait ? max(talk, apply.add(policy.activistMinWait)) : talk
  const activist = safe(activistBase.add({ days: int(rng, 0, 60) + 3 }))
  r.push(rec("activist-decision", activist))
  r.push(rec("activist-filing", safe(activist.add({ days: int(rng, 0, 10) }))))
  r.push(rec("contacts-assigned", safe(activist.add({ days: int(rng, 0, 10) }))))
  const decision = safe(activist.add({ years: 1, days: int(rng, 0, 60) + 5 }))
  r.push(rec("development-object-decision", decision))
  const agreement = safe(decision.add({ days: int(rng, 0, 14) }))
  const is2026 = Temporal.PlainDate.compare(agreement, CHANGE) >= 0
  r.push(rec("higher-committee-agreement", agreement, { kind: is2026 ? "agreement" : "filing" }))
  let objectSince = agreement
  if (is2026) {
    const ns = agreement.add({ days: int(rng, 0, 3) })
    const nth = nthWorkingDay(ns, 5)
    const ne = nth._tag === "Known" ? nth.value : ns.add({ days: 14 })
    r.push(
      rec("public-notice", ne, {
        start: ns,
        end: ne,
        places: migrant ? ["流出地", "流入地"] : ["单位公示栏"],
      }),
    )
    objectSince = ne
  }
  const intro = safe(objectSince.add({ days: int(rng, 0, 20) + 1 }))
  r.push(rec("introducers", intro))
  const review = safe(objectSince.add({ days: int(rng, 0, 20) + 1 }))
  const review2026 = Temporal.PlainDate.compare(review, CHANGE) >= 0
  r.push(rec("political-review", review, review2026 ? {} : { items: [...items2014], jointReview: false }))
  const training = safe(objectSince.add({ days: int(rng, 0, 30) + 1 }))
  r.push(rec("training", training, { days: policy.trainingMinDays, hours: policy.trainingMinHours }))
  const cr = safe(max(intro, review, training).add({ days: int(rng, 0, 10) }))
  r.push(rec("committee-review", cr))
  let pr = cr
  for (const level of policy.preReviewLevels) {
    pr = safe(pr.add({ days: int(rng, 0, 5) }))
    r.push(rec("pre-review", pr, { level }))
  }
  const formGap = int(rng, 0, 5)
  r.push(rec("application-form", safe(pr.add({ days: formGap }))))
  const meetingOn = safe(pr.add({ days: Math.min(formGap + int(rng, 0, 20), 25) }))
  r.push(rec("admission-meeting", meetingOn))
  for (
    let a = safe(activist.add({ months: 5 }));
    Temporal.PlainDate.compare(a, meetingOn) < 0;
    a = a.add({ months: 5 })
  )
    r.push(rec("activist-assessment", a))
  const ct = safe(meetingOn.add({ days: int(rng, 0, 20) }))
  r.push(rec("committee-talk", ct))
  const approval = safe(ct.add({ days: int(rng, 0, 50) }))
  r.push(rec("admission-approval", approval))
  r.push(rec("admission-filing", safe(approval.add({ days: 5 }))))
  r.push(rec("placement", safe(approval.add({ days: 3 }))))
  r.push(rec("oath", safe(approval.add({ days: int(rng, 0, 25) }))))
  r.push(rec("probation-assessment", safe(approval.add({ months: 3 }))))
  const end =
    policy.periodEnd === "anniversary" ? meetingOn.add({ years: 1 }) : meetingOn.add({ years: 1, days: -1 })
  r.push(rec("conversion-application", safe(end.add({ days: -int(rng, 0, 20) }))))
  const cm = safe(end.add({ days: int(rng, 0, 60) + 4 }))
  r.push(rec("conversion-meeting", cm))
  const ca = safe(cm.add({ days: int(rng, 0, 80) }))
  r.push(rec("conversion-approval", ca))
  r.push(rec("archive", safe(ca.add({ days: int(rng, 0, 30) }))))
  return r.sort((a, b) => Temporal.PlainDate.compare(a.on, b.on))
}

export interface GeneratedHistory {
  readonly history: History
  readonly asOf: PlainDate
}

const epoch2014 = date("2014-06-01")
const epoch2024 = date("2024-06-01")

/** One history: a valid timeline cut where the person stands today, judged 0–400 days after its last record. */
export const generateHistory = (rng: Rng): GeneratedHistory => {
  const start =
    rng() < 0.5 ? epoch2014.add({ days: int(rng, 0, 2770) }) : epoch2024.add({ days: int(rng, 0, 943) })
  const migrant = rng() < 0.1
  const full = timeline(rng, start, migrant)
  // Most people are early in the pipeline (applicants and activists outnumber probationers).
  const cut = rng() < 0.6 ? int(rng, 1, 6) : int(rng, 7, full.length)
  const records = full.slice(0, cut)
  const last = records[records.length - 1]?.on ?? start
  const birthDate = safe(start.add({ years: -int(rng, 18, 45), days: -int(rng, 0, 364) }))
  return {
    history: { person: { birthDate, migrant }, records },
    asOf: last.add({ days: int(rng, 0, 400) }),
  }
}
