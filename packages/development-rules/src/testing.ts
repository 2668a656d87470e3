/**
 * `@xianfeng/development-rules/testing`: the one source of example development data — valid evidence for
 * every step, and seeded generators of valid histories — for this package's tests, the benchmark, the demo
 * district, the API's tests and the browser tests. Not part of the rules' API: the `.` entry does not export
 * it. Everything is deterministic: the same seed (or offsets) gives the same history on every machine.
 */
import { date, nthWorkingDay, type PlainDate, Temporal } from "@xianfeng/core"
import { int, type Rng } from "@xianfeng/core/testing"
import type { History, PersonFacts, StepRecord } from "./history.js"
import { type DevelopmentPolicy, nationalPolicy } from "./policy.js"
import { politicalReviewItems } from "./rules/development-object.js"
import { archiveItems } from "./rules/probation.js"
import type { EvidenceOf, MemberRef, StepId } from "./steps.js"

/** A full member in good standing (an introducer, a contact), full since 2010-07-01. */
export const exampleMember = (name: string, extra: Partial<MemberRef> = {}): MemberRef => ({
  name,
  status: "full",
  fullMemberSince: date("2010-07-01"),
  sanctions: [],
  ...extra,
})

const approver = {
  approver: { id: "c01", kind: "party-committee" as const, path: "d1.c01" },
  parentKind: "district-committee" as const,
  documentNo: "党委〔2026〕1号",
}

/** A branch meeting that passes: 15 of 20 present, 16 yes with the written opinions (DR 20). */
export const exampleMeeting: EvidenceOf<"admission-meeting"> = {
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

/** Valid evidence for every step (2026 edition contents: the eight review items, the joint review). */
export const exampleEvidence: { readonly [S in StepId]: EvidenceOf<S> } = {
  apply: { receivedBy: "b0457", acceptsProgramme: true },
  talk: { talkedBy: "王书记" },
  "activist-decision": { source: "member-recommendation", decidedBy: "branch-committee" },
  "activist-filing": { filedWith: "c01" },
  "contacts-assigned": { contacts: [exampleMember("李明"), exampleMember("张华")] },
  "activist-assessment": { assessedBy: "李明", comment: "表现良好" },
  "development-object-decision": {
    decidedBy: "branch-committee",
    opinionsHeard: ["party-group", "contacts", "members", "non-members"],
  },
  "higher-committee-agreement": { committeeId: "c01", kind: "agreement" },
  "public-notice": { start: date("2026-06-01"), end: date("2026-06-05"), places: ["单位公示栏"] },
  introducers: { introducers: [exampleMember("李明"), exampleMember("张华")] },
  "political-review": {
    conclusion: "政治审查合格",
    passed: true,
    items: [...politicalReviewItems["2026"]],
    jointReview: true,
  },
  training: { days: 3, hours: 24, mode: "in-person", organizer: "区委党校" },
  "committee-review": { opinion: "同意", collective: true },
  "pre-review": { level: "party-committee", reviewer: "c01", passed: true, written: true },
  "application-form": { formNo: "0001234", introducerOpinions: true },
  "admission-meeting": exampleMeeting,
  "committee-talk": { talkedBy: "组织员赵", role: "organiser" },
  "admission-approval": { ...approver, collective: true },
  "admission-filing": { filedWith: "区委组织部" },
  placement: { branchId: "b0457" },
  oath: { organizer: "c01", collective: false },
  "probation-assessment": { assessedBy: "李明", comment: "表现良好" },
  "conversion-application": { written: true },
  "conversion-meeting": exampleMeeting,
  "conversion-approval": { ...approver, collective: true },
  archive: { items: [...archiveItems], fileKind: "personnel-file" },
  "probation-extension": { ...approver, months: 6, meetingOn: date("2027-06-01") },
  "probation-cancellation": { ...approver, reason: "严重违纪", meetingOn: date("2027-06-01") },
  "transfer-in": {
    fromOrg: "外区某支部",
    stage: "activist",
    activistSince: date("2025-01-10"),
    verified: true,
  },
  "direct-admission": {
    admittedBy: "provincial-committee",
    reason: "特殊情况",
    documentNo: "省委〔2026〕1号",
  },
  "posthumous-admission": {
    diedOn: date("2026-08-01"),
    deeds: "抗洪抢险中英勇献身",
    requestedToJoin: true,
    decidedBy: "b0457",
    reviewedBy: "c01",
    approvedBy: "provincial-committee",
    documentNo: "省委组〔2026〕9号",
  },
  "membership-not-recognised": {
    reason: "伪造培养考察材料",
    meetsConditions: false,
    decidedBy: "c01",
    announcedAtMeeting: true,
  },
}

/** A record of `step` on `on` (a date or ISO text) with the example evidence, `evidence` overriding fields. */
export const exampleRecord = <S extends StepId>(
  step: S,
  on: string | PlainDate,
  evidence: Partial<EvidenceOf<S>> = {},
): StepRecord =>
  ({
    step,
    on: typeof on === "string" ? date(on) : on,
    evidence: { ...exampleEvidence[step], ...evidence },
  }) as unknown as StepRecord

/** Offsets (days) between consecutive steps of `validTimeline`. */
export interface Offsets {
  readonly talk: number
  readonly activist: number
  readonly filing: number
  readonly contacts: number
  readonly objectExtraDays: number
  readonly agreement: number
  readonly noticeStart: number
  readonly introducers: number
  readonly review: number
  readonly training: number
  readonly committeeReview: number
  readonly preReview: number
  readonly form: number
  readonly meeting: number
  readonly committeeTalk: number
  readonly approval: number
  readonly oath: number
  readonly applicationBeforeEnd: number
  readonly conversionMeeting: number
  readonly conversionApproval: number
  readonly archive: number
}

/**
 * The range [min, max] of each offset that keeps a timeline within every national limit (talk ≤ 1 month,
 * approval ≤ 3 months, …); property tests and `randomOffsets` draw from it.
 */
export const offsetRanges: { readonly [K in keyof Offsets]: readonly [number, number] } = {
  talk: [0, 25],
  activist: [0, 60],
  filing: [0, 10],
  contacts: [0, 10],
  objectExtraDays: [0, 60],
  agreement: [0, 14],
  noticeStart: [0, 3],
  introducers: [0, 20],
  review: [0, 20],
  training: [0, 30],
  committeeReview: [0, 10],
  preReview: [0, 5],
  form: [0, 5],
  meeting: [0, 20],
  committeeTalk: [0, 20],
  approval: [0, 50],
  oath: [0, 25],
  applicationBeforeEnd: [0, 20],
  conversionMeeting: [0, 60],
  conversionApproval: [0, 80],
  archive: [0, 30],
}

/** Mid values of the offsets, for fixed examples. */
export const midOffsets: Offsets = {
  talk: 10,
  activist: 30,
  filing: 5,
  contacts: 3,
  objectExtraDays: 20,
  agreement: 7,
  noticeStart: 2,
  introducers: 5,
  review: 10,
  training: 15,
  committeeReview: 5,
  preReview: 5,
  form: 3,
  meeting: 10,
  committeeTalk: 7,
  approval: 30,
  oath: 10,
  applicationBeforeEnd: 10,
  conversionMeeting: 10,
  conversionApproval: 30,
  archive: 10,
}

/** Offsets drawn from `rng`, each within `offsetRanges`. */
export const randomOffsets = (rng: Rng): Offsets =>
  Object.fromEntries(
    Object.entries(offsetRanges).map(([k, [min, max]]) => [k, int(rng, min, max)]),
  ) as unknown as Offsets

/**
 * Keeps a generated date at day ≤ 28 so that 'one month' never clamps, by moving it FORWARD to the 1st of the
 * next month (moving back could put a step before its prerequisite; limits keep ≥ 3 days of margin).
 */
const safe = (x: PlainDate): PlainDate => (x.day > 28 ? x.with({ day: 1 }).add({ months: 1 }) : x)
const max = (...xs: PlainDate[]): PlainDate =>
  xs.reduce((a, b) => (Temporal.PlainDate.compare(a, b) >= 0 ? a : b))
const plus = (x: PlainDate, p: Temporal.DurationLike): PlainDate => x.add(p)
const REVISION = date("2026-05-11")
const person = (extra: Partial<PersonFacts> = {}): PersonFacts => ({
  birthDate: date("1998-03-10"),
  migrant: false,
  ...extra,
})

/**
 * A complete, valid development history from `start` (the application date) to the archive, judged by the
 * edition in force on each step's date. Under 2026 (agreement on or after 2026-05-11) a 5-working-day notice
 * is added. The person is born 25 years and 40 days before `start`.
 */
export const validTimeline = (
  start: PlainDate,
  o: Offsets = midOffsets,
  opts: { migrant?: boolean; policy?: DevelopmentPolicy } = {},
): History => {
  const policy = opts.policy ?? nationalPolicy
  const rec = exampleRecord
  const r: StepRecord[] = []
  const apply = safe(start)
  r.push(rec("apply", apply))
  const talk = safe(plus(apply, { days: o.talk }))
  r.push(rec("talk", talk))
  const activistBase = policy.activistMinWait ? max(talk, plus(apply, policy.activistMinWait)) : talk
  const activist = safe(plus(activistBase, { days: o.activist + 3 }))
  r.push(rec("activist-decision", activist))
  r.push(rec("activist-filing", safe(plus(activist, { days: o.filing }))))
  r.push(rec("contacts-assigned", safe(plus(activist, { days: o.contacts }))))
  const decision = safe(plus(activist, { years: 1, days: o.objectExtraDays + 5 }))
  r.push(rec("development-object-decision", decision))
  const agreement = safe(plus(decision, { days: o.agreement }))
  const is2026 = Temporal.PlainDate.compare(agreement, REVISION) >= 0
  r.push(rec("higher-committee-agreement", agreement, { kind: is2026 ? "agreement" : "filing" }))
  let objectSince = agreement
  if (is2026) {
    const ns = plus(agreement, { days: o.noticeStart })
    const nth = nthWorkingDay(ns, 5)
    const ne = nth._tag === "Known" ? nth.value : plus(ns, { days: 14 })
    const places = opts.migrant ? ["流出地", "流入地"] : ["单位公示栏"]
    r.push(rec("public-notice", ne, { start: ns, end: ne, places }))
    objectSince = ne
  }
  const intro = safe(plus(objectSince, { days: o.introducers + 1 }))
  r.push(rec("introducers", intro))
  const review = safe(plus(objectSince, { days: o.review + 1 }))
  const review2026 = Temporal.PlainDate.compare(review, REVISION) >= 0
  r.push(
    rec(
      "political-review",
      review,
      review2026 ? {} : { items: [...politicalReviewItems["2014"]], jointReview: false },
    ),
  )
  const training = safe(plus(objectSince, { days: o.training + 1 }))
  r.push(rec("training", training, { days: policy.trainingMinDays, hours: policy.trainingMinHours }))
  const cr = safe(plus(max(intro, review, training), { days: o.committeeReview }))
  r.push(rec("committee-review", cr))
  let pr = cr
  for (const level of policy.preReviewLevels) {
    pr = safe(plus(pr, { days: o.preReview }))
    r.push(rec("pre-review", pr, { level }))
  }
  const form = safe(plus(pr, { days: o.form }))
  r.push(rec("application-form", form))
  for (const x of policy.extraSteps)
    if (x.after === "pre-review") r.push({ step: x.id as `x-${string}`, on: form, evidence: {} })
  const meeting = safe(plus(pr, { days: Math.min(o.form + o.meeting, 25) }))
  r.push(rec("admission-meeting", meeting))
  for (
    let a = safe(plus(activist, { months: 5 }));
    Temporal.PlainDate.compare(a, meeting) < 0;
    a = plus(a, { months: 5 })
  )
    r.push(rec("activist-assessment", a))
  const ct = safe(plus(meeting, { days: o.committeeTalk }))
  r.push(rec("committee-talk", ct))
  const approval = safe(plus(ct, { days: o.approval }))
  r.push(rec("admission-approval", approval))
  r.push(rec("admission-filing", safe(plus(approval, { days: 5 }))))
  r.push(rec("placement", safe(plus(approval, { days: 3 }))))
  r.push(rec("oath", safe(plus(approval, { days: o.oath }))))
  r.push(rec("probation-assessment", safe(plus(approval, { months: 3 }))))
  const end =
    policy.periodEnd === "anniversary" ? plus(meeting, { years: 1 }) : plus(meeting, { years: 1, days: -1 })
  r.push(rec("conversion-application", safe(plus(end, { days: -o.applicationBeforeEnd }))))
  const cm = safe(plus(end, { days: o.conversionMeeting + 4 }))
  r.push(rec("conversion-meeting", cm))
  const ca = safe(plus(cm, { days: o.conversionApproval }))
  r.push(rec("conversion-approval", ca))
  r.push(rec("archive", safe(plus(ca, { days: o.archive }))))
  const birthDate = safe(plus(start, { years: -25, days: -40 }))
  return { person: person({ birthDate, migrant: opts.migrant ?? false }), records: r }
}

/** A history as it stood on `asOf`. */
export interface GeneratedHistory {
  readonly history: History
  readonly asOf: PlainDate
}

const epoch2014 = date("2014-06-01")
const epoch2024 = date("2024-06-01")

/**
 * One seeded history, as a district holds them: an application under the 2014 edition or across the 2026
 * change, offsets drawn within the national limits, a migrant one time in ten, the timeline cut where the
 * person stands (most are early: applicants and activists outnumber probationers), judged 0–400 days after its
 * last record so that some steps are due or overdue.
 */
export const generateHistory = (rng: Rng, policy: DevelopmentPolicy = nationalPolicy): GeneratedHistory => {
  const start =
    rng() < 0.5 ? epoch2014.add({ days: int(rng, 0, 2770) }) : epoch2024.add({ days: int(rng, 0, 943) })
  const migrant = rng() < 0.1
  const full = validTimeline(start, randomOffsets(rng), { migrant, policy })
  const sorted = [...full.records].sort((a, b) => Temporal.PlainDate.compare(a.on, b.on))
  const cut = rng() < 0.6 ? int(rng, 1, 6) : int(rng, 7, sorted.length)
  const records = sorted.slice(0, cut)
  const last = records[records.length - 1]?.on ?? start
  const birthDate = safe(start.add({ years: -int(rng, 18, 45), days: -int(rng, 0, 364) }))
  return {
    history: { person: { birthDate, migrant }, records },
    asOf: last.add({ days: int(rng, 0, 400) }),
  }
}

/**
 * One step of a road as the API takes it (`POST /api/development/people/:id/records`): the step (a national
 * step, or an overlay's `x-` step), the date as ISO text (`YYYY-MM-DD`), and the evidence as JSON carries it.
 */
export type RoadStep = readonly [
  step: StepId | `x-${string}`,
  onDate: string,
  evidence: Record<string, unknown>,
]

/**
 * The approving committee of the demo road's approvals (DR 24, 30): c01, a township committee under the
 * district committee, with its document number; add `collective: true` for the approval's evidence.
 */
export const demoRoadApprover = {
  approver: { id: "c01", kind: "township-committee", path: "d1.c01" },
  parentKind: "district-committee",
  documentNo: "青委〔2026〕12号",
} as const

/**
 * The branch general meeting of the demo road's admission and conversion (DR 20): 16 of 20 voters present, 16
 * yes, one probationary member present, a secret ballot on one candidate.
 */
export const demoRoadMeeting: EvidenceOf<"admission-meeting"> = {
  expectedVoters: 20,
  presentVoters: 16,
  writtenOpinions: 1,
  yesVotes: 16,
  noVotes: 1,
  abstentions: 0,
  probationaryPresent: 1,
  candidatesInBallot: 1,
  secretBallot: true,
}

/**
 * A realistic road of one person in the demo district (`demoDistrictOverlay`: three pre-reviews, 5 days / 40
 * hours of training, the `x-pre-admission-notice` step), from the application on 2024-03-04 under the 2014
 * edition (a filing with c01, the 2014 political review items) to the archive on 2027-07-20 under the 2026 one:
 * admission meeting 2026-06-10, so a full member from 2027-06-10. Every step's evidence satisfies its rules on
 * its date; the steps dated after 2026-11-27 (the API tests' clock) need the clock moved on. For the API's tests
 * and the browser tests, which enter it through the API.
 */
export const demoAdmissionRoad: readonly RoadStep[] = [
  ["apply", "2024-03-04", { receivedBy: "本支部", acceptsProgramme: true }],
  ["talk", "2024-03-20", { talkedBy: "王书记" }],
  ["activist-decision", "2024-09-10", { source: "member-recommendation", decidedBy: "branch-committee" }],
  ["contacts-assigned", "2024-09-12", { contacts: [exampleMember("李明"), exampleMember("张华")] }],
  ["activist-filing", "2024-09-15", { filedWith: "c01" }],
  ["activist-assessment", "2025-03-01", { assessedBy: "李明", comment: "表现良好" }],
  ["activist-assessment", "2025-08-25", { assessedBy: "李明", comment: "表现良好" }],
  [
    "development-object-decision",
    "2025-10-09",
    { decidedBy: "branch-committee", opinionsHeard: ["party-group", "contacts", "members", "non-members"] },
  ],
  ["higher-committee-agreement", "2025-10-15", { committeeId: "c01", kind: "filing" }],
  ["introducers", "2025-10-20", { introducers: [exampleMember("李明"), exampleMember("张华")] }],
  // What the 2014 edition in force on that day reviews (DR 16).
  [
    "political-review",
    "2025-11-05",
    { conclusion: "政治审查合格", passed: true, items: politicalReviewItems["2014"] },
  ],
  ["training", "2025-11-20", { days: 5, hours: 40, mode: "in-person", organizer: "区委党校" }],
  ["activist-assessment", "2026-02-10", { assessedBy: "李明", comment: "表现良好" }],
  ["committee-review", "2026-05-20", { opinion: "同意提交预审", collective: true }],
  ["pre-review", "2026-05-22", { level: "branch", reviewer: "本支部", passed: true, written: true }],
  ["pre-review", "2026-05-26", { level: "party-committee", reviewer: "c01", passed: true, written: true }],
  [
    "pre-review",
    "2026-05-29",
    { level: "org-department", reviewer: "区委组织部", passed: true, written: true },
  ],
  ["x-pre-admission-notice", "2026-06-01", { note: "公示5个工作日无异议" }],
  ["application-form", "2026-06-02", { formNo: "0012345", introducerOpinions: true }],
  ["admission-meeting", "2026-06-10", demoRoadMeeting],
  ["committee-talk", "2026-06-20", { talkedBy: "组织员赵", role: "organiser" }],
  ["admission-approval", "2026-07-15", { ...demoRoadApprover, collective: true }],
  ["placement", "2026-07-18", { branchId: "本支部" }],
  ["admission-filing", "2026-07-20", { filedWith: "区委组织部" }],
  ["oath", "2026-07-25", { organizer: "c01", collective: true }],
  ["probation-assessment", "2026-10-15", { assessedBy: "李明", comment: "表现良好" }],
  ["probation-assessment", "2027-01-15", { assessedBy: "李明", comment: "表现良好" }],
  ["probation-assessment", "2027-04-15", { assessedBy: "李明", comment: "表现良好" }],
  ["conversion-application", "2027-05-25", { written: true }],
  ["conversion-meeting", "2027-06-15", demoRoadMeeting],
  ["conversion-approval", "2027-07-10", { ...demoRoadApprover, collective: true }],
  ["archive", "2027-07-20", exampleEvidence.archive],
]

/**
 * `demoAdmissionRoad` up to `step`: every step before its first record (`through: true`: that record included).
 * Throws when the road has no such step.
 */
export const demoRoadUntil = (
  step: RoadStep[0],
  options: { readonly through?: boolean } = {},
): readonly RoadStep[] => {
  const i = demoAdmissionRoad.findIndex(([s]) => s === step)
  if (i < 0) throw new Error(`the demo road has no step ${step}`)
  return demoAdmissionRoad.slice(0, options.through === true ? i + 1 : i)
}
