import { actorOfSession, actorOfToken, touchSession } from "@xianfeng/db"
import type { Context, MiddlewareHandler } from "hono"
import { getCookie } from "hono/cookie"
import type { Deps } from "../deps.js"
import { problems } from "../http/problem.js"
import type { Actor } from "./actor.js"
import { sameSecret, sha256 } from "./tokens.js"

export const SESSION_COOKIE = "xf_session"
const SAFE = new Set(["GET", "HEAD", "OPTIONS"])

/**
 * Resolves who is calling — a bearer token (machine clients) or the session cookie (the admin) — from the
 * database, so every API process agrees. A cookie-authenticated write must carry the session's CSRF token.
 */
export const authenticate =
  (deps: Deps): MiddlewareHandler =>
  async (c: Context, next) => {
    const now = deps.now()
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1]
    if (bearer !== undefined) {
      const row = await actorOfToken(deps.db, sha256(bearer))
      if (row === undefined) throw problems.unauthorized()
      c.set("actor", { ...row, via: "token" } satisfies Actor)
      return next()
    }
    const token = getCookie(c, SESSION_COOKIE)
    if (token !== undefined) {
      const idle = new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000)
      const id = sha256(token)
      const row = await actorOfSession(deps.db, id, now, idle)
      if (row !== undefined) {
        if (!SAFE.has(c.req.method) && !sameSecret(c.req.header("x-csrf-token") ?? "", row.csrfToken)) {
          // Known only so the refusal is recorded against this user; the request goes no further.
          c.set("refusedActor", { userId: row.userId, role: row.role })
          throw problems.csrf()
        }
        // Sliding idle timeout, written at most once a minute per session.
        if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
          await touchSession(deps.db, id, now)
        }
        const { csrfToken: _csrf, lastSeenAt: _seen, ...actor } = row
        c.set("actor", { ...actor, via: "session", sessionId: id } satisfies Actor)
        c.set("csrfToken", row.csrfToken)
      }
    }
    return next()
  }
