import { date, nthWorkingDay, type PlainDate, Temporal } from "@xianfeng/core"
import {
  checkStep,
  type DevelopmentPolicy,
  developmentRuleSets,
  type EvidenceOf,
  evaluate,
  type History,
  type MemberRef,
  nationalPolicy,
  type PersonFacts,
  type StepId,
  type StepRecord,
} from "../src/index.js"

export const d = (iso: string): PlainDate => date(iso)

export const member = (name: string, extra: Partial<MemberRef> = {}): MemberRef => ({
  name,
  status: "full",
  fullMemberSince: d("2010-07-01"),
  sanctions: [],
  ...extra,
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

/** Valid evidence for every step (2026 edition contents). */
export const defaults: { readonly [S in StepId]: EvidenceOf<S> } = {
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
  "public-notice": { start: d("2026-06-01"), end: d("2026-06-05"), places: ["单位公示栏"] },
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
  "probation-extension": { ...approver, months: 6, meetingOn: d("2027-06-01") },
  "probation-cancellation": { ...approver, reason: "严重违纪", meetingOn: d("2027-06-01") },
  "transfer-in": { fromOrg: "外区某支部", stage: "activist", activistSince: d("2025-01-10"), verified: true },
  "direct-admission": {
    admittedBy: "provincial-committee",
    reason: "特殊情况",
    documentNo: "省委〔2026〕1号",
  },
  "posthumous-admission": {
    diedOn: d("2026-08-01"),
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

export const rec = <S extends StepId>(
  step: S,
  on: string | PlainDate,
  evidence: Partial<EvidenceOf<S>> = {},
): StepRecord =>
  ({
    step,
    on: typeof on === "string" ? d(on) : on,
    evidence: { ...defaults[step], ...evidence },
  }) as unknown as StepRecord

export const person = (extra: Partial<PersonFacts> = {}): PersonFacts => ({
  birthDate: d("1998-03-10"),
  migrant: false,
  ...extra,
})

export const history = (records: readonly StepRecord[], facts: Partial<PersonFacts> = {}): History => ({
  person: person(facts),
  records,
})

/** Codes of a verdict list, for compact assertions. */
export const codes = (vs: readonly { code: string }[]): string[] => vs.map((v) => v.code)

export const check = (h: History, r: StepRecord, policy: DevelopmentPolicy = nationalPolicy) =>
  checkStep(h, r, developmentRuleSets, policy)

export const evalAt = (h: History, asOf: string | PlainDate, policy: DevelopmentPolicy = nationalPolicy) =>
  evaluate(h, typeof asOf === "string" ? d(asOf) : asOf, developmentRuleSets, policy)

/** Moves a date, keeping day ≤ 28 so that month arithmetic never clamps (see generators). */
export const plus = (x: PlainDate, p: Temporal.DurationLike): PlainDate => x.add(p)

/** Offsets (days) between consecutive steps; the generator draws them, fixtures use these mid values. */
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

/**
 * Keeps a generated date at day ≤ 28 so that 'one month' never clamps, by moving it FORWARD to the 1st of the
 * next month (moving back could put a step before its prerequisite; limits keep ≥ 3 days of margin).
 */
const safe = (x: PlainDate): PlainDate => (x.day > 28 ? x.with({ day: 1 }).add({ months: 1 }) : x)
const max = (...xs: PlainDate[]): PlainDate =>
  xs.reduce((a, b) => (Temporal.PlainDate.compare(a, b) >= 0 ? a : b))

/**
 * A complete, valid development history from `start` (the application date), judged by the edition in force
 * on each step's date. Under 2026 (agreement on or after 2026-05-11) a 5-working-day notice is added.
 */
export const validTimeline = (
  start: PlainDate,
  o: Offsets = midOffsets,
  opts: { migrant?: boolean; policy?: DevelopmentPolicy } = {},
): History => {
  const policy = opts.policy ?? nationalPolicy
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
  const is2026 = Temporal.PlainDate.compare(agreement, d("2026-05-11")) >= 0
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
  const items2014 = [
    "attitude-to-line",
    "political-history",
    "law-and-ethics",
    "family-and-relations",
  ] as const
  const review = safe(plus(objectSince, { days: o.review + 1 }))
  const review2026 = Temporal.PlainDate.compare(review, d("2026-05-11")) >= 0
  r.push(rec("political-review", review, review2026 ? {} : { items: [...items2014], jointReview: false }))
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
