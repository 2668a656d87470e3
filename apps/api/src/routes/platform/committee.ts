import { Temporal } from "@xianfeng/core"
import { committeeOf, setCommittee } from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { CommitteeBody, CommitteeView, OrgParams } from "./contract.js"
import { permissions } from "./permissions.js"

const view = (seats: Awaited<ReturnType<typeof committeeOf>>) => ({
  items: seats.map((s) => ({ ...s, since: s.since.toString() })),
})

export const committeeDetail = route({
  method: "get",
  path: "/api/orgs/:id/committee",
  summary:
    "An organization's committee (支部委员会): who holds 书记, 副书记 and 委员 (with 分工), since when",
  description:
    "The posts a 支委会 expects (BR 12) and the training rules read. Secretary first, then deputies, then members.",
  tag: "organizations",
  auth: "user",
  params: OrgParams,
  response: CommitteeView,
  handler: async ({ actor, params, deps }) =>
    deps.db.transaction(async (tx) => {
      const seats = await committeeOf(tx, actor, params.id)
      await audit(tx, deps, actor, {
        action: "org.committee.read",
        objectType: "org",
        objectId: params.id,
        result: "ok",
      })
      return view(seats)
    }),
})

export const updateCommittee = route({
  method: "put",
  path: "/api/orgs/:id/committee",
  summary: "Set an organization's committee posts (the whole list; a post left out is ended)",
  description:
    "Each member of the organization itself (full or probationary) holds at most one post; one secretary; a " +
    "分工 only on a 委员. A post kept keeps its day unless `since` is sent; a new one starts today. Refused with " +
    "422 naming the field (`posts[i].memberId`, `posts[i].post`, `posts[i].duty`), nothing changed.",
  tag: "organizations",
  auth: "user",
  roles: permissions.manageCommittee,
  params: OrgParams,
  body: CommitteeBody,
  response: CommitteeView,
  handler: async ({ actor, params, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const today = todayOf(deps)
      for (const [i, p] of body.posts.entries())
        if (p.since !== undefined && Temporal.PlainDate.compare(Temporal.PlainDate.from(p.since), today) > 0)
          throw problems.unprocessable(
            `posts[${i}].since`,
            "future",
            "任职日期不能晚于今天",
            "a post cannot start after today",
          )
      const set = await setCommittee(
        tx,
        actor,
        params.id,
        body.posts.map((p) => ({
          memberId: p.memberId,
          post: p.post,
          duty: p.duty ?? null,
          ...(p.since === undefined ? {} : { since: Temporal.PlainDate.from(p.since) }),
        })),
        today,
      )
      if (Result.isFailure(set)) {
        const e = set.failure
        throw problems.unprocessable(e.field, e.reason, e.messageZh, e.message)
      }
      await audit(tx, deps, actor, {
        action: "org.committee.update",
        objectType: "org",
        objectId: params.id,
        result: "ok",
        details: { posts: body.posts.length, added: set.success.added, removed: set.success.removed },
      })
      return view(await committeeOf(tx, actor, params.id))
    }),
})

export const committeeRoutes = [committeeDetail, updateCommittee]
