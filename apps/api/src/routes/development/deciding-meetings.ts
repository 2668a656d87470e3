import { meetingsOfOrg, memberInScope } from "@xianfeng/db"
import {
  decidingSittingCitations,
  decidingSittingOf,
  linkStepToMeeting,
  meetingFilledFields,
} from "@xianfeng/development-rules"
import { Result } from "effect"
import { todayOf } from "../../deps.js"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { DecidingMeetings, DecidingMeetingsQuery, PersonParams } from "./contract.js"
import { citationsOf } from "./render.js"

/**
 * The meetings a step may link: the person's branch's sittings of the kind that decides the step in the last
 * year up to today, newest first, each with the figures it would fill in for this person or why it cannot
 * decide the step. What the admin's "从会议记录选择" picker lists.
 */
export const decidingMeetings = route({
  method: "get",
  path: "/api/development/people/:memberId/meetings",
  summary:
    "The person's branch's meetings that can decide a step (branch committee or general meeting, DR 8, 13, 19, 32), with the figures each fills in",
  description:
    "The last twelve months up to today, newest first, of the kind that decides `step` (for the two decisions, " +
    "as `decidedBy` says; default the branch committee). A meeting without a ballot on the person for admission " +
    "or conversion is listed with its problem, so the form can say why it cannot be chosen.",
  tag: "development",
  auth: "user",
  params: PersonParams,
  query: DecidingMeetingsQuery,
  response: DecidingMeetings,
  handler: async ({ actor, params, query, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const person = await memberInScope(deps.db, actor, params.memberId)
    const kind = decidingSittingOf(query.step, query.decidedBy)
    const rows = await meetingsOfOrg(deps.db, actor, person.orgId, today.subtract({ years: 1 }), today)
    const evidence = query.decidedBy === undefined ? {} : { decidedBy: query.decidedBy }
    const items = rows
      .filter((m) => m.types.includes(kind))
      .reverse()
      .map((m) => {
        const linked = linkStepToMeeting(
          { step: query.step, evidence },
          { ...m, on: m.onDate },
          { id: person.id, orgId: person.orgId, name: person.name },
        )
        const filled = Result.isSuccess(linked)
          ? Object.fromEntries(
              Object.entries(linked.success.evidence).filter(
                ([k]) => (meetingFilledFields as readonly string[]).includes(k) || k === "decidedBy",
              ),
            )
          : {}
        return {
          id: m.id,
          date: m.onDate.toString(),
          types: [...m.types],
          place: m.place,
          filled,
          problems: Result.isFailure(linked)
            ? linked.failure.map((e) => ({
                field: e.field,
                reason: e.reason,
                message: lang === "en" ? e.message : e.messageZh,
              }))
            : [],
        }
      })
    return { kind, citations: citationsOf(decidingSittingCitations[query.step], lang), items }
  },
})
