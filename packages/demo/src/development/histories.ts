/**
 * Development histories (发展党员 records) for the demo district's applicants, activists, development objects
 * and probationary members. A history is walked forward from the application with drawn offsets that keep
 * within every limit of the rules (and of the demo district's overlay), and anchored so that the step that
 * starts the person's stage falls on the member's drawn date. About one in eight is deliberately left with a
 * problem a secretary has to act on: a talk not held, an assessment overdue, a short training, an approval or
 * an oath overdue. The rules library checks them in the tests; the member's stage dates come from the history.
 */
import { nthWorkingDay, type OrgKind, type PlainDate, Temporal } from "@xianfeng/core"
import { int, mulberry32, pick, type Rng } from "@xianfeng/core/testing"
import type { MemberStage } from "@xianfeng/db"
import { archiveItems, type DevelopmentPolicy, politicalReviewItems } from "@xianfeng/development-rules"
import { demoName } from "../names.js"
import type { DemoOrg } from "../platform/orgs.js"

/** One record as it is stored: JSON evidence, ISO dates inside. */
export interface DemoRecord {
  readonly step: string
  readonly onDate: PlainDate
  readonly evidence: Record<string, unknown>
}

/** What a demo history deliberately leaves for a secretary to fix (none for most people). */
export type DemoProblem =
  | "talk-overdue"
  | "assessment-overdue"
  | "short-training"
  | "approval-overdue"
  | "oath-overdue"

export interface DemoHistory {
  readonly records: readonly DemoRecord[]
  readonly problem: DemoProblem | undefined
}

/** Development's part of a demo member. */
export interface DevelopmentPart {
  /** 发展党员 records, for applicants, activists, development objects and probationary members. */
  readonly development: readonly (DemoRecord & { readonly id: string })[]
  /** What the history deliberately leaves to fix (see `demoHistory`), or null. */
  readonly developmentProblem: DemoProblem | null
}

/** The part of someone without a development history (a full member). */
export const noDevelopment: DevelopmentPart = { development: [], developmentProblem: null }

/** The organization that approves admissions for a branch: its committee right under the district. */
export interface Approver {
  readonly id: string
  readonly kind: OrgKind
  readonly path: string
  readonly name: string
}

export const approverOf = (branch: DemoOrg, byId: ReadonlyMap<string, DemoOrg>): Approver => {
  const id = branch.path.split(".")[1] ?? branch.id
  const o = byId.get(id) ?? branch
  return { id: o.id, kind: o.kind, path: o.path, name: o.shortName ?? o.name }
}

const REVISION = Temporal.PlainDate.from("2026-05-11")
const cmp = Temporal.PlainDate.compare
const iso = (d: PlainDate) => d.toString()
/** Keeps day ≤ 28 so that 'one month' never clamps, moving forward to the 1st of the next month. */
const safe = (d: PlainDate): PlainDate => (d.day > 28 ? d.with({ day: 1 }).add({ months: 1 }) : d)
const max = (...ds: PlainDate[]): PlainDate => ds.reduce((a, b) => (cmp(a, b) >= 0 ? a : b))
const days = (d: PlainDate, n: number) => safe(d.add({ days: n }))

const items2014 = politicalReviewItems["2014"]
const items2026 = politicalReviewItems["2026"]
const comments = ["表现良好", "学习认真，积极参加组织生活", "工作积极，群众评价好", "思想汇报按时，进步明显"]

interface Offsets {
  talk: number
  activist: number
  filing: number
  contacts: number
  objectExtra: number
  agreement: number
  noticeStart: number
  introducers: number
  review: number
  training: number
  committeeReview: number
  preReview: number
  form: number
  meeting: number
  committeeTalk: number
  approval: number
  oath: number
}

const drawOffsets = (rng: Rng): Offsets => ({
  talk: int(rng, 3, 25),
  activist: int(rng, 5, 120),
  filing: int(rng, 1, 10),
  contacts: int(rng, 0, 7),
  objectExtra: int(rng, 10, 200),
  agreement: int(rng, 3, 14),
  noticeStart: int(rng, 1, 3),
  introducers: int(rng, 2, 15),
  review: int(rng, 5, 30),
  training: int(rng, 10, 40),
  committeeReview: int(rng, 3, 10),
  preReview: int(rng, 2, 6),
  form: int(rng, 1, 4),
  meeting: int(rng, 5, 20),
  committeeTalk: int(rng, 5, 20),
  approval: int(rng, 15, 60),
  oath: int(rng, 3, 20),
})

type Anchor = "apply" | "activist-decision" | "development-object-decision" | "admission-meeting"
const anchorOf: Readonly<Record<Exclude<MemberStage, "full">, Anchor>> = {
  applicant: "apply",
  activist: "activist-decision",
  "development-object": "development-object-decision",
  probationary: "admission-meeting",
}
/** The first step a person of each stage has not reached yet. */
const stopAt: Readonly<Record<Exclude<MemberStage, "full">, string>> = {
  applicant: "activist-decision",
  activist: "development-object-decision",
  "development-object": "admission-meeting",
  probationary: "conversion-meeting",
}

interface Person {
  readonly branch: DemoOrg
  readonly approver: Approver
  readonly sex: "male" | "female"
}

/** The whole road from `apply` on, in date order (ties keep the order of the procedure). */
const road = (
  start: PlainDate,
  o: Offsets,
  p: Person,
  policy: DevelopmentPolicy,
  rng: Rng,
  assessUntil: PlainDate | undefined,
): DemoRecord[] => {
  const out: DemoRecord[] = []
  const add = (step: string, on: PlainDate, evidence: Record<string, unknown>) =>
    out.push({ step, onDate: on, evidence })
  const ref = () => ({ name: demoName(rng, rng() < 0.6 ? "male" : "female"), status: "full", sanctions: [] })
  const secretary = `${demoName(rng, "male")}（支部书记）`
  const contacts = [ref(), ref()]
  const approval = {
    approver: { id: p.approver.id, kind: p.approver.kind, path: p.approver.path },
    parentKind: "district-committee",
    collective: true,
  }

  const apply = safe(start)
  add("apply", apply, { receivedBy: p.branch.name, acceptsProgramme: true })
  const talk = days(apply, o.talk)
  add("talk", talk, { talkedBy: secretary })
  const waitEnd = policy.activistMinWait ? apply.add(policy.activistMinWait) : talk
  const activist = days(max(talk, waitEnd), o.activist + 3)
  add("activist-decision", activist, {
    source: rng() < 0.3 ? "league-nomination" : "member-recommendation",
    decidedBy: "branch-committee",
  })
  add("contacts-assigned", days(activist, o.contacts), { contacts })
  add("activist-filing", days(activist, o.filing), { filedWith: p.approver.name })

  const decision = days(activist.add({ years: 1 }), o.objectExtra)
  add("development-object-decision", decision, {
    decidedBy: "branch-committee",
    opinionsHeard: ["party-group", "contacts", "members", "non-members"],
  })
  const agreement = days(decision, o.agreement)
  const is2026 = cmp(agreement, REVISION) >= 0
  const year = agreement.year
  add("higher-committee-agreement", agreement, {
    committeeId: p.approver.id,
    kind: is2026 ? "agreement" : "filing",
    documentNo: `${p.approver.name.slice(0, 2)}委〔${year}〕${int(rng, 1, 99)}号`,
  })
  let objectSince = agreement
  if (is2026) {
    const ns = agreement.add({ days: o.noticeStart })
    const nth = nthWorkingDay(ns, 5)
    const ne = nth._tag === "Known" ? nth.value : ns.add({ days: 14 })
    add("public-notice", ne, {
      start: iso(ns),
      end: iso(ne),
      places: ["单位公示栏", "村（社区）公示栏"],
      objections: 0,
    })
    objectSince = ne
  }
  const intro = days(objectSince, o.introducers + 1)
  add("introducers", intro, { introducers: [contacts[0], ref()] })
  const review = days(objectSince, o.review + 1)
  const review2026 = cmp(review, REVISION) >= 0
  add("political-review", review, {
    conclusion: "政治审查合格",
    passed: true,
    items: review2026 ? items2026 : items2014,
    ...(review2026 ? { jointReview: true } : {}),
  })
  const training = days(objectSince, o.training + 1)
  add("training", training, {
    days: policy.trainingMinDays,
    hours: policy.trainingMinHours,
    mode: "in-person",
    organizer: "区委党校",
    certificateNo: `DX${year}${String(int(rng, 1, 9999)).padStart(4, "0")}`,
  })
  const cr = days(max(intro, review, training), o.committeeReview)
  add("committee-review", cr, { opinion: "同意提交上级党委预审", collective: true })
  let pr = cr
  for (const level of policy.preReviewLevels) {
    pr = days(pr, o.preReview)
    const reviewer =
      level === "branch" ? p.branch.name : level === "party-committee" ? p.approver.name : "区委组织部"
    add("pre-review", pr, { level, reviewer, passed: true, written: true })
  }
  const form = days(pr, o.form)
  for (const x of policy.extraSteps) if (x.after === "pre-review") add(x.id, form, { note: "公示期满无异议" })
  add("application-form", form, {
    formNo: String(int(rng, 1, 9_999_999)).padStart(7, "0"),
    introducerOpinions: true,
  })
  const meeting = days(pr, Math.min(o.form + o.meeting, 25))
  const expected = int(rng, 9, 45)
  const present = Math.max(Math.ceil(expected * 0.8), expected - int(rng, 0, 4))
  const yes = present - int(rng, 0, Math.min(2, Math.floor(present / 5)))
  const ballot = {
    expectedVoters: expected,
    presentVoters: present,
    writtenOpinions: 0,
    yesVotes: yes,
    noVotes: present - yes,
    abstentions: 0,
    probationaryPresent: int(rng, 0, 2),
    candidatesInBallot: 1,
    secretBallot: true,
  }
  add("admission-meeting", meeting, ballot)
  // Half-yearly assessments of the activist, up to the admission meeting (DR 11), or on to today for someone
  // who has not been admitted yet.
  const until = assessUntil === undefined ? meeting : max(meeting, assessUntil)
  for (let a = days(activist, int(rng, 140, 175)); cmp(a, until) < 0; a = days(a, int(rng, 140, 175)))
    add("activist-assessment", a, {
      assessedBy: contacts[0]?.name ?? secretary,
      comment: pick(rng, comments),
    })
  const ct = days(meeting, o.committeeTalk)
  add("committee-talk", ct, { talkedBy: `${demoName(rng, "male")}（组织员）`, role: "organiser" })
  const approved = days(meeting, o.committeeTalk + o.approval)
  add("admission-approval", approved, {
    ...approval,
    documentNo: `${p.approver.name.slice(0, 2)}委〔${approved.year}〕${int(rng, 1, 199)}号`,
  })
  add("admission-filing", days(approved, int(rng, 3, 15)), { filedWith: "区委组织部" })
  add("placement", days(approved, int(rng, 1, 7)), { branchId: p.branch.id })
  add("oath", days(approved, o.oath), { organizer: p.approver.name, collective: true })
  for (
    let a = days(approved, int(rng, 80, 100));
    cmp(a, approved.add({ years: 1 })) < 0;
    a = days(a, int(rng, 80, 100))
  )
    add("probation-assessment", a, {
      assessedBy: contacts[0]?.name ?? secretary,
      comment: pick(rng, comments),
    })
  const end = meeting.add({ years: 1 })
  add("conversion-application", end.subtract({ days: int(rng, 3, 20) }), { written: true })
  const cm = days(end, int(rng, 5, 40))
  add("conversion-meeting", cm, ballot)
  const ca = days(cm, int(rng, 10, 60))
  add("conversion-approval", ca, {
    ...approval,
    documentNo: `${p.approver.name.slice(0, 2)}委〔${ca.year}〕${int(rng, 1, 199)}号`,
  })
  add("archive", days(ca, int(rng, 5, 30)), { items: archiveItems, fileKind: "personnel-file" })
  const order = new Map(out.map((r, i) => [r, i]))
  return out.sort((a, b) => cmp(a.onDate, b.onDate) || (order.get(a) ?? 0) - (order.get(b) ?? 0))
}

/**
 * A person's development history as of `asOf`, anchored so that the step that began their stage falls on
 * `anchorOn` (the member's drawn stage date), give or take the days a date moves to stay valid.
 */
export const demoHistory = (
  rng: Rng,
  stage: Exclude<MemberStage, "full">,
  anchorOn: PlainDate,
  asOf: PlainDate,
  person: Person,
  policy: DevelopmentPolicy,
  earliestApply: PlainDate,
): DemoHistory => {
  const o = drawOffsets(rng)
  const anchor = anchorOf[stage]
  const problemRoll = rng()
  const branchSeed = int(rng, 0, 2 ** 31)
  const assessUntil = stage === "probationary" ? undefined : asOf
  // How far the anchor lies from the application: counted for the first stages, and for admission by a first
  // pass from a provisional start (the steps between depend on the edition in force).
  const toActivist = (d: PlainDate) =>
    (policy.activistMinWait ? d.subtract(policy.activistMinWait) : d.subtract({ days: o.talk })).subtract({
      days: o.activist + 3,
    })
  let start: PlainDate
  if (anchor === "apply") start = anchorOn
  else if (anchor === "activist-decision") start = toActivist(anchorOn)
  else if (anchor === "development-object-decision")
    start = toActivist(anchorOn.subtract({ years: 1, days: o.objectExtra }))
  else {
    const probe = road(anchorOn, o, person, policy, () => 0.5, undefined)
    const lead = probe[0]?.onDate.until(probe.find((r) => r.step === anchor)?.onDate ?? anchorOn).days ?? 0
    start = anchorOn.subtract({ days: lead })
  }
  if (cmp(start, earliestApply) < 0) start = earliestApply
  let records = road(start, o, person, policy, mulberry32(branchSeed), assessUntil)
  // Moving into the 2026 procedure adds the notice: walk back until the anchor is on file by asOf.
  for (let i = 0; i < 6 && cmp(records.find((r) => r.step === anchor)?.onDate ?? asOf, asOf) > 0; i++) {
    start = start.subtract({ days: 20 })
    records = road(start, o, person, policy, mulberry32(branchSeed), assessUntil)
  }
  const stop = records.findIndex((r) => r.step === stopAt[stage])
  // Before admission the steps of later stages are left out by kind (assessments go on meanwhile).
  const cut = (stage === "probationary" && stop >= 0 ? records.slice(0, stop) : records).filter(
    (r) => cmp(r.onDate, asOf) <= 0,
  )
  let kept = stage === "probationary" ? cut : cut.filter((r) => !laterThanStage(r.step, stage))
  // A development object still waiting for the branch meeting has most often not been through the pre-review
  // yet: the meeting must follow it within a month (DR 19, 2026), and most districts schedule it so.
  const lastPreReview = kept.filter((r) => r.step === "pre-review").at(-1)
  if (
    stage === "development-object" &&
    lastPreReview &&
    cmp(lastPreReview.onDate.add({ months: 1 }), asOf) < 0
  )
    kept = kept.filter(
      (r) => !(r.step === "pre-review" || r.step === "application-form" || r.step.startsWith("x-")),
    )
  return withProblem(kept, stage, problemRoll, asOf)
}

const admissionSteps = new Set([
  "admission-meeting",
  "committee-talk",
  "admission-approval",
  "admission-filing",
  "placement",
  "oath",
  "probation-assessment",
  "conversion-application",
])
const objectSteps = new Set([
  "development-object-decision",
  "higher-committee-agreement",
  "public-notice",
  "introducers",
  "political-review",
  "training",
  "committee-review",
  "pre-review",
  "application-form",
])
const laterThanStage = (step: string, stage: Exclude<MemberStage, "full">): boolean => {
  if (stage === "development-object") return admissionSteps.has(step)
  if (stage === "activist") return admissionSteps.has(step) || objectSteps.has(step) || step.startsWith("x-")
  if (stage === "applicant") return !(step === "apply" || step === "talk")
  return false
}

const monthAgo = (asOf: PlainDate) => asOf.subtract({ months: 1, days: 2 })

/** About one person in eight keeps a problem: the step is left out (or, for training, too short). */
const withProblem = (
  records: readonly DemoRecord[],
  stage: Exclude<MemberStage, "full">,
  roll: number,
  asOf: PlainDate,
): DemoHistory => {
  const none = { records, problem: undefined }
  if (roll >= 0.13) return none
  const on = (step: string) => records.filter((r) => r.step === step)
  switch (stage) {
    case "applicant": {
      const apply = on("apply")[0]
      if (apply === undefined || cmp(apply.onDate, monthAgo(asOf)) > 0) return none
      return { records: records.filter((r) => r.step !== "talk"), problem: "talk-overdue" }
    }
    case "activist": {
      const last = on("activist-assessment").at(-1)
      const activist = on("activist-decision")[0]
      const since = last?.onDate ?? activist?.onDate
      // Dropping the last assessment only makes one overdue when the one before is over six months old.
      const before = on("activist-assessment").at(-2)?.onDate ?? activist?.onDate
      if (since === undefined || before === undefined || cmp(before.add({ months: 6, days: 3 }), asOf) > 0)
        return none
      return { records: records.filter((r) => r !== last), problem: "assessment-overdue" }
    }
    case "development-object": {
      const training = on("training")[0]
      if (training === undefined) return none
      const short = { ...training, evidence: { ...training.evidence, days: 2, hours: 16 } }
      const cut = records.filter(
        (r) =>
          !["committee-review", "pre-review", "application-form"].includes(r.step) &&
          !r.step.startsWith("x-"),
      )
      return { records: cut.map((r) => (r === training ? short : r)), problem: "short-training" }
    }
    case "probationary": {
      const meeting = on("admission-meeting")[0]
      const approval = on("admission-approval")[0]
      // Between three and six months after the meeting: overdue, and still possible (DR 25).
      if (
        meeting !== undefined &&
        approval !== undefined &&
        cmp(meeting.onDate.add({ months: 3, days: 2 }), asOf) < 0 &&
        cmp(meeting.onDate.add({ months: 6 }).subtract({ days: 5 }), asOf) > 0
      ) {
        const after = new Set([
          "admission-approval",
          "admission-filing",
          "placement",
          "oath",
          "probation-assessment",
          "conversion-application",
        ])
        return { records: records.filter((r) => !after.has(r.step)), problem: "approval-overdue" }
      }
      const oath = on("oath")[0]
      if (
        approval !== undefined &&
        oath !== undefined &&
        cmp(approval.onDate, REVISION) >= 0 &&
        cmp(approval.onDate.add({ months: 1, days: 2 }), asOf) < 0
      )
        return { records: records.filter((r) => r !== oath), problem: "oath-overdue" }
      return none
    }
  }
}
