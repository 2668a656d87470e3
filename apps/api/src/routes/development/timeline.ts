import type { PlainDate } from "@xianfeng/core"
import {
  type CultivationRecordRow,
  type DevelopmentRecord,
  developmentCaseOf,
  type LinkedMeetingFacts,
  linkedMeetingsOf,
  type Scope,
  type ScopedMember,
  workingCalendarOf,
  type XfDb,
} from "@xianfeng/db"
import {
  type CultivationRecordKind,
  cultivationRecordLabels,
  type DerivedDates,
  type DevelopmentPolicy,
  developmentRuleSets,
  type Evaluation,
  evaluate,
  historyOf,
  isStepId,
  recordabilityOf,
  recordableNextSteps,
  stepDefinition,
} from "@xianfeng/development-rules"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { type CultivationRecordView, PersonParams, type RecordView, Timeline } from "./contract.js"
import { renderVerdictView, text } from "./render.js"

const derivedKeys = [
  "appliedOn",
  "activistSince",
  "developmentObjectSince",
  "preReviewPassedOn",
  "admittedOn",
  "approvedOn",
  "probationEnd",
  "fullMemberSince",
  "cancelledOn",
] as const satisfies readonly (keyof DerivedDates)[]

/** The record as shown, with the meeting that decided it when `meetings` knows it. */
export const recordView = (
  r: DevelopmentRecord,
  meetings: ReadonlyMap<string, LinkedMeetingFacts> = new Map(),
): RecordView => {
  const m = r.meetingId === null ? undefined : meetings.get(r.meetingId)
  return {
    id: r.id,
    step: r.step,
    onDate: r.onDate.toString(),
    evidence: r.evidence,
    meeting: m === undefined ? null : { id: m.id, date: m.onDate.toString(), types: [...m.types] },
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  }
}

export const cultivationView = (r: CultivationRecordRow, lang: Lang): CultivationRecordView => {
  const kind = r.kind as CultivationRecordKind
  return {
    id: r.id,
    kind,
    name: text(cultivationRecordLabels[kind] ?? { "zh-CN": r.kind, en: r.kind }, lang),
    onDate: r.onDate.toString(),
    evidence: r.evidence,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  }
}

/**
 * The evaluation, rendered in the reader's language; the stored rows ride along under their steps, the
 * cultivation records (talks, reports, activities) beside them.
 */
export const timelineView = (
  person: Pick<ScopedMember, "id" | "name" | "orgId" | "orgName" | "stage" | "version">,
  rows: readonly DevelopmentRecord[],
  e: Evaluation,
  policy: DevelopmentPolicy,
  lang: Lang,
  cultivation: readonly CultivationRecordRow[] = [],
  removed: readonly DevelopmentRecord[] = [],
  meetings: ReadonlyMap<string, LinkedMeetingFacts> = new Map(),
): Timeline => {
  const extra = new Map(policy.extraSteps.map((x) => [x.id, x]))
  const nameOf = (step: string) =>
    isStepId(step) ? text(stepDefinition(step).name, lang) : (extra.get(step)?.name[lang] ?? step)
  const recordability = new Map(recordabilityOf(e).map((r) => [r.step as string, r]))
  const optional = (step: string) => isStepId(step) && stepDefinition(step).optional
  return {
    member: {
      id: person.id,
      name: person.name,
      orgId: person.orgId,
      orgName: person.orgName,
      stage: person.stage,
      version: person.version,
    },
    asOf: e.asOf.toString(),
    edition: e.edition ?? null,
    currentStage: String(e.derived.stage),
    derived: Object.fromEntries(derivedKeys.map((k) => [k, e.derived[k]?.toString() ?? null])),
    closedBy:
      e.derived.closedBy === undefined
        ? null
        : {
            step: e.derived.closedBy.step,
            name: nameOf(e.derived.closedBy.step),
            on: e.derived.closedBy.on.toString(),
          },
    steps: e.steps.map((s) => {
      const def = isStepId(s.step) ? stepDefinition(s.step) : undefined
      return {
        step: s.step,
        stage: s.stage,
        number: def?.number ?? null,
        name: text(s.name, lang),
        state: s.state,
        dueBy: s.dueBy?.toString() ?? null,
        optional: def?.optional ?? false,
        ...(recordability.get(s.step)?.from === undefined
          ? {}
          : { recordableFrom: String(recordability.get(s.step)?.from) }),
        ...(recordability.get(s.step)?.until === undefined
          ? {}
          : { recordableUntil: String(recordability.get(s.step)?.until) }),
        records: rows
          .filter((r) => r.step === s.step && !(r.onDate.toString() > e.asOf.toString()))
          .map((r) => recordView(r, meetings)),
        verdicts: s.verdicts.map((v) => renderVerdictView(v, lang)),
      }
    }),
    cultivation: cultivation
      .filter((r) => !(r.onDate.toString() > e.asOf.toString()))
      .map((r) => cultivationView(r, lang)),
    removed: removed.map((r) => ({
      id: r.id,
      step: r.step,
      name: nameOf(r.step),
      onDate: r.onDate.toString(),
      removedAt: r.removedAt?.toISOString() ?? "",
      removedBy: r.removedBy,
      reason: r.removedReason ?? "",
    })),
    nextSteps: recordableNextSteps(e, optional).map((step) => {
      const until = recordability.get(step)?.until
      return until === undefined
        ? { step, name: nameOf(step) }
        : { step, name: nameOf(step), until: until.toString() }
    }),
  }
}

/** Loads the person's case (in scope, else `NotInScope`) and evaluates it on `asOf`. */
export const loadTimeline = async (db: XfDb, scope: Scope, memberId: string, asOf: PlainDate, lang: Lang) => {
  const { person, records, removed, cultivation, policy } = await developmentCaseOf(db, scope, memberId)
  // The working calendar with the years the district loaded (a newly published year's deadlines).
  const calendar = await workingCalendarOf(db)
  const evaluation = evaluate(historyOf(person, records, asOf), asOf, developmentRuleSets, policy, {
    calendar,
  })
  const meetings = await linkedMeetingsOf(
    db,
    scope,
    records.map((r) => r.meetingId),
  )
  return {
    person,
    rows: records,
    policy,
    evaluation,
    view: timelineView(person, records, evaluation, policy, lang, cultivation, removed, meetings),
  }
}

export const personTimeline = route({
  method: "get",
  path: "/api/development/people/:memberId",
  summary: "A person's development timeline: every step's state, due dates and verdicts with their articles",
  description:
    "Evaluated today (Asia/Shanghai) with the district's development policy; messages in the reader's language.",
  tag: "development",
  auth: "user",
  params: PersonParams,
  response: Timeline,
  handler: async ({ actor, params, deps, c }) =>
    deps.db.transaction(async (tx) => {
      const { view } = await loadTimeline(tx, actor, params.memberId, todayOf(deps), langOf(c))
      await audit(tx, deps, actor, {
        action: "development.read",
        objectType: "member",
        objectId: params.memberId,
        result: "ok",
      })
      return view
    }),
})
