import { date, isAfter, Temporal } from "@xianfeng/core"
import { type DisciplineTalk, saveTalk, talksOfOrg } from "@xianfeng/db"
import type { TalkPair } from "@xianfeng/inspection-scheduling"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { ApiProblem } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { MeetingQuery, TalkBody, TalkList, TalkView } from "./contract.js"
import { disciplinePermissions } from "./permissions.js"

const view = (t: DisciplineTalk): TalkView => ({
  id: t.id,
  orgId: t.orgId,
  pair: t.pair as TalkPair,
  date: t.onDate.toString(),
  firstMemberId: t.firstMemberId,
  secondMemberId: t.secondMemberId,
  topic: t.topic,
  recordedAt: t.recordedAt.toISOString(),
  version: t.version,
})

const refuse = (field: string, reason: string, zh: string, en: string) =>
  new ApiProblem(
    422,
    "invalid-record",
    { "zh-CN": "谈心谈话记录有误", en: "Invalid talk record" },
    { "zh-CN": `谈心谈话记录有误：${zh}`, en: `The talk record is not valid: ${en}` },
    [{ field, reason, message: { "zh-CN": zh, en } }],
  )

export const recordTalk = route({
  method: "post",
  path: "/api/discipline/talks",
  summary:
    "Record a heart-to-heart talk (谈心谈话) between two members of an organization, counted for its yearly talk obligation of that pair type (BR 19)",
  description:
    "Refused with 422 naming the field for a talk dated after today, one member twice, or a member of another organization; nothing is written then.",
  tag: "discipline",
  auth: "user",
  roles: disciplinePermissions.record,
  body: TalkBody,
  response: TalkView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const on = date(body.date)
    if (isAfter(on, todayOf(deps)))
      throw refuse("date", "future", "谈话日期不能晚于今天", "a talk cannot be dated after today")
    if (body.firstMemberId === body.secondMemberId)
      throw refuse(
        "secondMemberId",
        "same-member",
        "谈话双方不能是同一人",
        "a talk needs two different members",
      )
    return deps.db.transaction(async (tx) => {
      const saved = await saveTalk(tx, actor, {
        orgId: body.orgId,
        pair: body.pair,
        onDate: on,
        firstMemberId: body.firstMemberId,
        secondMemberId: body.secondMemberId,
        topic: body.topic ?? "",
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      if ("_tag" in saved) {
        const field = saved.memberIds.includes(body.firstMemberId) ? "firstMemberId" : "secondMemberId"
        throw refuse(
          field,
          "not-of-branch",
          "谈话人不是本组织的党员",
          "the member is not of this organization",
        )
      }
      await audit(tx, deps, actor, {
        action: "discipline.talk.create",
        objectType: "discipline-talk",
        objectId: saved.id,
        result: "ok",
        details: { orgId: saved.orgId, pair: saved.pair, date: body.date },
      })
      return view(saved)
    })
  },
})

export const listTalks = route({
  method: "get",
  path: "/api/discipline/talks",
  summary:
    "The heart-to-heart talks of one organization of the caller's subtree in a year (default: this year), oldest first",
  tag: "discipline",
  auth: "user",
  query: MeetingQuery,
  response: TalkList,
  handler: async ({ actor, query, deps }) => {
    const year = query.year ?? todayOf(deps).year
    const from = Temporal.PlainDate.from({ year, month: 1, day: 1 })
    const to = Temporal.PlainDate.from({ year, month: 12, day: 31 })
    return { items: (await talksOfOrg(deps.db, actor, query.orgId, from, to)).map(view) }
  },
})
