import { date, dateOfInstant } from "@xianfeng/core"
import {
  actorOfCalendarFeed,
  calendarFeedOf,
  deleteCalendarFeed,
  setCalendarFeed,
  withScope,
} from "@xianfeng/db"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { newToken, sha256 } from "../../auth/tokens.js"
import { todayOf } from "../../deps.js"
import type { AgendaSource } from "../../http/agenda-kit.js"
import { fileResponse } from "../../http/file-response.js"
import { langOf, problems } from "../../http/problem.js"
import { type AnyRoute, route } from "../../http/route.js"
import {
  AGENDA_DEFAULT_DAYS,
  AgendaQuery,
  AgendaView,
  FeedParams,
  FeedRevoked,
  FeedStatus,
  NewFeed,
} from "./contract.js"
import { agendaCalendar, FEED_DAYS_AHEAD, FEED_DAYS_BACK, ICALENDAR_MEDIA_TYPE } from "./feed.js"
import { gatherAgenda, itemViewer } from "./gather.js"

/** A feed file name: the token (base64url, as `newToken` makes it) and `.ics`. */
const FEED_FILE = /^(cal_[A-Za-z0-9_-]{43})\.ics$/u

const feedPath = (token: string) => `/api/agenda/feed/${token}.ics`

/**
 * 日程 (the agenda) of every area whose `AgendaSource` is listed in `src/areas.ts`: the signed-in user's
 * window as JSON, and the iCalendar feed a calendar app subscribes to with the user's secret feed token
 * (made, replaced and revoked here; stored as a hash; ended with the user's sessions).
 */
export const agendaRoutes = (sources: readonly AgendaSource[]): readonly AnyRoute[] => [
  route({
    method: "get",
    path: "/api/agenda",
    summary: "What falls due in the caller's scope in a window (default the next 30 days, at most 90)",
    description:
      "Every area's due items — open development steps, organizational-life obligations, rectification " +
      "orders — from the areas' stored answers, soonest first; at most 500 (`total` counts them all). A person " +
      "is named only where the caller sees that person in the member list anyway.",
    tag: "agenda",
    auth: "user",
    query: AgendaQuery,
    response: AgendaView,
    handler: async ({ actor, query, deps, c }) => {
      const lang = langOf(c)
      const today = todayOf(deps)
      const from = query.from === undefined ? today : date(query.from)
      const to = from.add({ days: query.days ?? AGENDA_DEFAULT_DAYS })
      const { entries, total, totalExact } = await gatherAgenda(sources, {
        db: deps.db,
        scope: actor,
        today,
        from,
        to,
      })
      await audit(deps.db, deps, actor, {
        action: "agenda.read",
        objectType: "org",
        objectId: actor.orgId,
        result: "ok",
        details: { from: from.toString(), to: to.toString(), items: total },
      })
      return {
        asOf: today.toString(),
        from: from.toString(),
        to: to.toString(),
        items: entries.map(itemViewer(lang)),
        total,
        totalExact,
      }
    },
  }),
  route({
    method: "get",
    path: "/api/agenda/feed",
    summary: "Whether the caller has a live calendar feed, and since when",
    tag: "agenda",
    auth: "user",
    response: FeedStatus,
    handler: async ({ actor, deps }) => {
      const feed = await calendarFeedOf(deps.db, actor.userId)
      return { active: feed !== undefined, createdAt: feed?.createdAt.toISOString() ?? null }
    },
  }),
  route({
    method: "post",
    path: "/api/agenda/feed",
    summary: "Make the caller's calendar feed token, replacing any earlier one (whose URL stops working)",
    description:
      "Answers the token and the feed's path once; only its hash is kept. Ending the user's sessions " +
      "(password change or reset, role change, disable) revokes it too.",
    tag: "agenda",
    auth: "user",
    status: 201,
    response: NewFeed,
    handler: async ({ actor, deps }) => {
      const { token, hash } = newToken("cal_")
      const at = deps.now()
      const before = await calendarFeedOf(deps.db, actor.userId)
      await setCalendarFeed(deps.db, { userId: actor.userId, tokenHash: hash, at })
      await audit(deps.db, deps, actor, {
        action: before === undefined ? "agenda.feed.create" : "agenda.feed.rotate",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
      })
      return { token, path: feedPath(token), createdAt: at.toISOString() }
    },
  }),
  route({
    method: "delete",
    path: "/api/agenda/feed",
    summary: "Revoke the caller's calendar feed token (its URL answers 404 from now on)",
    tag: "agenda",
    auth: "user",
    response: FeedRevoked,
    handler: async ({ actor, deps }) => {
      const revoked = await deleteCalendarFeed(deps.db, actor.userId)
      await audit(deps.db, deps, actor, {
        action: "agenda.feed.revoke",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
        details: { revoked },
      })
      return { revoked }
    },
  }),
  route({
    method: "get",
    path: "/api/agenda/feed/:file",
    summary: "The iCalendar feed (RFC 5545) of a feed token's user: their scope's agenda, no session needed",
    description:
      `All-day events from ${FEED_DAYS_BACK} days back to ${FEED_DAYS_AHEAD} days ahead, at most 500. ` +
      "`file` is `<token>.ics`; a revoked, replaced or unknown token, or a disabled user, answers 404. " +
      "Each read is audited as the token's user.",
    tag: "agenda",
    auth: "public",
    transaction: "none",
    params: FeedParams,
    response: fileResponse(ICALENDAR_MEDIA_TYPE, "An iCalendar stream (RFC 5545)"),
    handler: async ({ params, deps, c }) => {
      const token = FEED_FILE.exec(params.file)?.[1]
      const row = token === undefined ? undefined : await actorOfCalendarFeed(deps.db, sha256(token))
      if (row === undefined) throw problems.notFound()
      const actor: Actor = { ...row, via: "token" }
      const lang = langOf(c)
      const now = deps.now()
      const today = dateOfInstant(now)
      const from = today.subtract({ days: FEED_DAYS_BACK })
      const to = today.add({ days: FEED_DAYS_AHEAD })
      const body = await withScope(deps.db, actor, async (tx) => {
        const { entries, total } = await gatherAgenda(sources, { db: tx, scope: actor, today, from, to })
        await audit(tx, deps, actor, {
          action: "agenda.feed",
          objectType: "org",
          objectId: actor.orgId,
          result: "ok",
          details: { from: from.toString(), to: to.toString(), items: total },
        })
        return agendaCalendar(entries, {
          lang,
          origin: new URL(c.req.url).origin,
          stamp: now,
          name: lang === "en" ? `Xianfeng agenda — ${actor.orgName}` : `先锋日程 — ${actor.orgName}`,
        })
      })
      return new Response(body, {
        status: 200,
        headers: {
          "content-type": `${ICALENDAR_MEDIA_TYPE}; charset=utf-8`,
          "cache-control": "private, no-store",
          "content-disposition": 'inline; filename="agenda.ics"',
        },
      })
    },
  }),
]
