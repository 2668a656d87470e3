import type { PlainDate } from "@xianfeng/core"
import { isAfter } from "@xianfeng/core"
import type { DevelopmentRecord, ScopedMember } from "@xianfeng/db"
import { type CultivationRecordRow, developmentCaseOf, recordCultivation } from "@xianfeng/db"
import type { DevelopmentPolicy } from "@xianfeng/development-rules"
import {
  type CultivationRecordKind,
  cultivationPlan,
  decodeCultivationRecord,
  developmentRuleSets,
  historyOf,
  planActivitiesOf,
  planItemLabels,
  planProgress,
} from "@xianfeng/development-rules"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { CultivationPlanView, CultivationRecordBody, PersonParams } from "./contract.js"
import { developmentPermissions } from "./permissions.js"

const activitiesOf = (rows: readonly CultivationRecordRow[]) =>
  planActivitiesOf(rows.map((r) => ({ kind: r.kind as CultivationRecordKind, on: r.onDate })))

/** The plan for the coming six months and the progress against it, the cultivation records counted. */
const planView = (
  person: ScopedMember,
  records: readonly DevelopmentRecord[],
  cultivation: readonly CultivationRecordRow[],
  policy: DevelopmentPolicy,
  today: PlainDate,
  lang: Lang,
): CultivationPlanView => {
  const history = historyOf(person, records, today)
  const plan = cultivationPlan(history, today.add({ months: 6 }), developmentRuleSets, policy)
  const progress =
    plan === undefined ? undefined : planProgress(plan, history, activitiesOf(cultivation), today)
  const items = (progress?.items ?? []).map((i) => ({
    kind: i.kind,
    name:
      lang === "zh-CN"
        ? `${planItemLabels[i.kind]["zh-CN"]}（第${i.seq}次）`
        : `${planItemLabels[i.kind].en} #${i.seq}`,
    dueBy: i.dueBy.toString(),
    state: i.state === "planned" ? ("upcoming" as const) : i.state,
    doneOn: i.doneOn?.toString() ?? null,
  }))
  return {
    memberId: person.id,
    items,
    progress: {
      done: progress?.done ?? 0,
      due: progress?.due ?? 0,
      overdue: progress?.overdue ?? 0,
      upcoming: items.filter((i) => i.state === "upcoming").length,
    },
  }
}

export const personPlan = route({
  method: "get",
  path: "/api/development/people/:memberId/plan",
  summary: "A person's cultivation plan (一人一策) for the coming six months, with progress",
  description:
    "Talks, thought reports and activities at the district's cadence, half-yearly assessments (DR 11) and, for " +
    "a candidate for membership, the centralized training (DR 17). The n-th recorded talk, report or activity " +
    "(POST …/cultivation-records) fulfils the n-th item of its kind. Empty for anyone who is not an activist " +
    "or candidate for membership.",
  tag: "development",
  auth: "user",
  params: PersonParams,
  response: CultivationPlanView,
  handler: async ({ actor, params, deps, c }) => {
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const { person, records, cultivation, policy } = await developmentCaseOf(tx, actor, params.memberId)
      await audit(tx, deps, actor, {
        action: "development.read",
        objectType: "member",
        objectId: person.id,
        result: "ok",
        details: { view: "plan" },
      })
      return planView(person, records, cultivation, policy, today, langOf(c))
    })
  },
})

export const recordCultivationActivity = route({
  method: "post",
  path: "/api/development/people/:memberId/cultivation-records",
  summary: "Record a talk with a contact, a thought report or a party activity of the cultivation plan",
  description:
    "The evidence is checked against the kind's schema (400 naming the field). Only an activist or a development " +
    "object on the record's date is in cultivation (DR 10); anyone else is refused with the field `onDate`. " +
    "Answers the plan with the record counted.",
  tag: "development",
  auth: "user",
  roles: developmentPermissions.recordDevelopment,
  params: PersonParams,
  body: CultivationRecordBody,
  response: CultivationPlanView,
  status: 201,
  handler: async ({ actor, params, body, deps, c }) => {
    const lang = langOf(c)
    const decoded = decodeCultivationRecord({ kind: body.kind, on: body.onDate, evidence: body.evidence })
    if (Result.isFailure(decoded)) throw problems.field(decoded.failure)
    const record = decoded.success
    const today = todayOf(deps)
    if (isAfter(record.on, today)) {
      throw problems.badRequest(
        `不能登记未来日期（${body.onDate}）的记录`,
        `onDate ${body.onDate} is in the future`,
        [
          {
            field: "onDate",
            reason: "future",
            message: { "zh-CN": "日期不能晚于今天", en: "the date cannot be after today" },
          },
        ],
      )
    }
    return deps.db.transaction(async (tx) => {
      const { person, records, cultivation, policy } = await developmentCaseOf(tx, actor, params.memberId, {
        lock: true,
      })
      const onThatDay = historyOf(person, records, record.on)
      if (cultivationPlan(onThatDay, record.on, developmentRuleSets, policy) === undefined) {
        throw problems.badRequest(
          `${body.onDate}时此人不是入党积极分子或发展对象，没有培养记录可登记`,
          `On ${body.onDate} this person was neither an activist nor a candidate for membership`,
          [
            {
              field: "onDate",
              reason: "not-in-cultivation",
              message: {
                "zh-CN": "该日期此人不在培养考察期内",
                en: "not in cultivation on that date",
              },
            },
          ],
        )
      }
      const row = await recordCultivation(tx, actor, {
        memberId: person.id,
        kind: record.kind,
        onDate: record.on,
        evidence: body.evidence,
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "development.cultivation.record",
        objectType: "member",
        objectId: person.id,
        result: "ok",
        details: { recordId: row.id, kind: record.kind, onDate: body.onDate },
      })
      return planView(person, records, [...cultivation, row], policy, today, lang)
    })
  },
})
