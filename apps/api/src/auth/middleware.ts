import { type CallerRow, type Credential, touchSession, type XfDb } from "@xianfeng/db"
import type { Context, MiddlewareHandler } from "hono"
import { getCookie } from "hono/cookie"
import type { Deps } from "../deps.js"
import { problems } from "../http/problem.js"
import type { Actor } from "./actor.js"
import type { ProcessCallerCache } from "./caller-cache.js"
import { sameSecret, sha256 } from "./tokens.js"

export const SESSION_COOKIE = "xf_session"
const SAFE = new Set(["GET", "HEAD", "OPTIONS"])

/**
 * Reads who claims to be calling — a bearer token (machine clients) or the session cookie (the admin) — into
 * the request's `credential`, without asking the database: the route looks the caller up in the first
 * statement of its own transaction (`withCaller` in `http/route.ts`, through the process's caller cache,
 * which that same statement checks against the database's authentication epoch), so a request costs no
 * transaction of its own for it.
 */
export const authenticate =
  (deps: Deps): MiddlewareHandler =>
  async (c: Context, next) => {
    c.set("credential", credentialOf(c, deps))
    return next()
  }

/** The credential a request carries (the bearer token wins over the cookie), by hash; undefined without one. */
const credentialOf = (c: Context, deps: Deps): Credential | undefined => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1]
  if (bearer !== undefined) return { kind: "token", tokenHash: sha256(bearer) }
  const token = getCookie(c, SESSION_COOKIE)
  if (token === undefined) return undefined
  const now = deps.now()
  return {
    kind: "session",
    sessionId: sha256(token),
    now,
    idleSince: new Date(now.getTime() - deps.config.sessionIdleMinutes * 60_000),
  }
}

/** The credential `authenticate` read from the request. */
export const credentialOfRequest = (c: Context): Credential | undefined =>
  c.get("credential") as Credential | undefined

/**
 * Admits the caller found for the request's credential: a bearer token that found no caller is a 401 at once;
 * a cookie-authenticated write must carry the session's CSRF token; a session's idle timeout slides (written
 * at most once a minute, through `db`, the request's transaction when there is one). The caller becomes the
 * request's `actor`. A cookie that found no session leaves the request anonymous (the route then answers 401
 * if it needs a user).
 */
export const admitCaller = async (
  c: Context,
  db: XfDb,
  credential: Credential,
  caller: CallerRow | undefined,
  cache?: ProcessCallerCache,
): Promise<void> => {
  if (credential.kind === "token") {
    if (caller === undefined) throw problems.unauthorized()
    const { csrfToken: _csrf, lastSeenAt: _seen, expiresAt: _ends, ...actor } = caller
    c.set("actor", { ...actor, via: "token" } satisfies Actor)
    return
  }
  if (caller === undefined) return
  const csrfToken = caller.csrfToken ?? ""
  if (!SAFE.has(c.req.method) && !sameSecret(c.req.header("x-csrf-token") ?? "", csrfToken)) {
    // Known only so the refusal is recorded against this user; the request goes no further.
    c.set("refusedActor", { userId: caller.userId, role: caller.role })
    throw problems.csrf()
  }
  // Sliding idle timeout, written at most once a minute per session.
  if (caller.lastSeenAt === null || credential.now.getTime() - caller.lastSeenAt.getTime() > 60_000) {
    await touchSession(db, credential.sessionId, credential.now)
    // The cached entry still says the old time; the next request reads the session again.
    cache?.forget(credential)
  }
  const { csrfToken: _csrf, lastSeenAt: _seen, expiresAt: _ends, ...actor } = caller
  c.set("actor", { ...actor, via: "session", sessionId: credential.sessionId } satisfies Actor)
  c.set("csrfToken", csrfToken)
}

/**
 * The actor of a cached caller for a read served without a transaction of its own (`oneStatement` routes in
 * `http/route.ts`): undefined when the request needs the usual path — a session whose idle timeout is due to
 * slide (more than a minute since it was last seen, which `admitCaller` writes). A GET needs no CSRF token.
 * Whether the database still agrees with the entry is the read's own statement's question (the epoch).
 */
export const cachedActor = (credential: Credential, caller: CallerRow): Actor | undefined => {
  const { csrfToken: _csrf, lastSeenAt, expiresAt: _ends, ...actor } = caller
  if (credential.kind === "token") return { ...actor, via: "token" }
  if (lastSeenAt === null || credential.now.getTime() - lastSeenAt.getTime() > 60_000) return undefined
  return { ...actor, via: "session", sessionId: credential.sessionId }
}
