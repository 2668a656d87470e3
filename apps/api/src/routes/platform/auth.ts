import { userRoles } from "@xianfeng/core"
import {
  clearFailedLogins,
  countAttempt,
  deleteSession,
  endAllSessionsOf,
  insertApiToken,
  insertMfaChallenge,
  insertSession,
  recordFailedLogin,
  revokeApiTokens,
  type User,
  updateUser,
  userForLogin,
} from "@xianfeng/db"
import { Schema } from "effect"
import type { Context } from "hono"
import { deleteCookie, setCookie } from "hono/cookie"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { SESSION_COOKIE } from "../../auth/middleware.js"
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../auth/passwords.js"
import { newToken } from "../../auth/tokens.js"
import type { Deps } from "../../deps.js"
import { clientAddress } from "../../http/client-address.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { recordRefusal } from "../../refusals.js"
import { LoginBody, Ok, PasswordChangeBody, SessionView, TokenBody, TokenView } from "./contract.js"

export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_MINUTES = 15
/** How long a sign-in waits for its second factor after the right password. */
export const MFA_CHALLENGE_MINUTES = 5
const LOGIN_ATTEMPTS_PER_MINUTE = 30

/** Counts one attempt in the database (shared by every API process) and says whether it is over the limit. */
const overRateLimit = async (deps: Deps, key: string, limit: number): Promise<boolean> =>
  (await countAttempt(deps.db, key, deps.now())) > limit

const wrongCredentials = () =>
  problems.badRequest("用户名或密码错误。", "Wrong username or password.", [
    {
      field: "password",
      reason: "mismatch",
      message: { "zh-CN": "用户名或密码错误", en: "wrong username or password" },
    },
  ])

export const login = route({
  method: "post",
  path: "/api/auth/login",
  summary: "Sign in with username and password; sets the session cookie",
  description:
    `After ${MAX_FAILED_LOGINS} wrong passwords in a row the account is locked for ${LOCKOUT_MINUTES} minutes. ` +
    "Failures are counted atomically: of simultaneous wrong passwords exactly " +
    `${MAX_FAILED_LOGINS} are answered 400 (the last locks) and the rest 423.`,
  tag: "auth",
  auth: "public",
  body: LoginBody,
  response: SessionView,
  handler: async ({ body, deps, c }) => {
    const ip = clientAddress(c)
    if (await overRateLimit(deps, `login:${ip}`, LOGIN_ATTEMPTS_PER_MINUTE)) {
      throw problems.tooMany(
        "登录尝试过于频繁，请一分钟后再试。",
        "Too many sign-in attempts; try again in a minute.",
      )
    }
    const now = deps.now()
    const user = await userForLogin(deps.db, body.username)
    if (user === undefined || user.user.disabled) {
      await burnPasswordCheck(body.password)
      await deps.db.transaction((tx) =>
        audit(tx, deps, undefined, {
          action: "auth.login",
          result: "failed",
          details: { username: body.username, ip },
        }),
      )
      await recordRefusal(deps, c, "sign-in", undefined, { audited: false })
      throw wrongCredentials()
    }
    const u = user.user
    if (u.lockedUntil !== null && u.lockedUntil > now) {
      await deps.db.transaction((tx) =>
        audit(
          tx,
          deps,
          { userId: u.id, role: u.role },
          {
            action: "auth.login",
            objectType: "user",
            objectId: u.id,
            result: "denied",
            details: { reason: "locked", ip },
          },
        ),
      )
      await recordRefusal(deps, c, "sign-in", { userId: u.id, role: u.role }, { audited: false })
      throw problems.locked(u.lockedUntil.toISOString().slice(0, 16).replace("T", " "))
    }
    if (!(await verifyPassword(u.passwordHash, body.password))) {
      // Counted in one statement: of simultaneous wrong passwords, exactly MAX_FAILED_LOGINS are judged as
      // such (the last of them locks) and the rest find the account locked.
      const counted = await deps.db.transaction(async (tx) => {
        const failed = await recordFailedLogin(tx, u.id, now, MAX_FAILED_LOGINS, LOCKOUT_MINUTES * 60_000)
        await audit(
          tx,
          deps,
          { userId: u.id, role: u.role },
          {
            action: "auth.login",
            objectType: "user",
            objectId: u.id,
            result: failed.kind === "locked" ? "denied" : "failed",
            details:
              failed.kind === "locked"
                ? { reason: "locked", ip }
                : { ip, failures: failed.failures, locked: failed.lockedUntil !== null },
          },
        )
        return failed
      })
      await recordRefusal(deps, c, "sign-in", { userId: u.id, role: u.role }, { audited: false })
      if (counted.kind === "locked") {
        throw problems.locked(counted.lockedUntil.toISOString().slice(0, 16).replace("T", " "))
      }
      throw wrongCredentials()
    }
    if (u.mfaSecret !== null) {
      // The password was right; the session waits for the second factor (POST /api/auth/mfa/verify).
      const challenge = newToken()
      await deps.db.transaction(async (tx) => {
        await insertMfaChallenge(tx, {
          id: challenge.hash,
          userId: u.id,
          expiresAt: new Date(now.getTime() + MFA_CHALLENGE_MINUTES * 60_000),
        })
        await audit(
          tx,
          deps,
          { userId: u.id, role: u.role },
          {
            action: "auth.login",
            objectType: "user",
            objectId: u.id,
            result: "ok",
            details: { ip, step: "password", next: "mfa" },
          },
        )
      })
      throw problems.mfaRequired(challenge.token)
    }
    return startSession(c, deps, user, { ip })
  },
})

/**
 * Starts a session for a user whose credentials were all checked: clears the failures, stores the session
 * (by the hash of its token), audits the sign-in and sets the cookie.
 */
export const startSession = async (
  c: Context,
  deps: Deps,
  { user: u, orgName }: { user: User; orgName: string },
  details: Record<string, unknown>,
) => {
  const now = deps.now()
  const session = newToken()
  const csrf = newToken().token
  await deps.db.transaction(async (tx) => {
    await clearFailedLogins(tx, u.id)
    await insertSession(tx, {
      id: session.hash,
      userId: u.id,
      csrfToken: csrf,
      at: now,
      expiresAt: new Date(now.getTime() + deps.config.sessionMaxHours * 3_600_000),
    })
    await audit(
      tx,
      deps,
      { userId: u.id, role: u.role },
      { action: "auth.login", objectType: "user", objectId: u.id, result: "ok", details },
    )
  })
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: deps.config.secureCookies,
    path: "/",
    maxAge: deps.config.sessionMaxHours * 3600,
  })
  return {
    user: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      orgId: u.orgId,
      orgName,
    },
    csrfToken: csrf,
  }
}

export const logout = route({
  method: "post",
  path: "/api/auth/logout",
  summary: "Sign out: ends the session on the server",
  tag: "auth",
  auth: "user",
  roles: userRoles,
  response: Ok,
  handler: async ({ actor, deps, c }) => {
    await deps.db.transaction(async (tx) => {
      if (actor.sessionId) await deleteSession(tx, actor.sessionId)
      await audit(tx, deps, actor, {
        action: "auth.logout",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
      })
    })
    deleteCookie(c, SESSION_COOKIE, { path: "/" })
    return { ok: true }
  },
})

const sessionOf = (actor: Actor, c: Context): SessionView => ({
  user: {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    orgId: actor.orgId,
    orgName: actor.orgName,
  },
  csrfToken: (c.get("csrfToken") as string | undefined) ?? "",
})

export const me = route({
  method: "get",
  path: "/api/auth/me",
  summary: "The signed-in user and the CSRF token for writes",
  description: "401 when nobody is signed in; `GET /api/auth/session` answers that with 200 and `null`.",
  tag: "auth",
  auth: "user",
  roles: userRoles,
  response: SessionView,
  handler: async ({ actor, c }) => sessionOf(actor, c),
})

/**
 * What a page asks before it knows whether anyone is signed in (the admin's start): "nobody" is an answer, not
 * an error, so a browser does not log a failed request on the sign-in page. A bearer token that is not valid
 * is still a 401.
 */
export const session = route({
  method: "get",
  path: "/api/auth/session",
  summary: "The signed-in user and the CSRF token, or null when nobody is signed in (200 either way)",
  tag: "auth",
  auth: "public",
  response: Schema.NullOr(SessionView),
  handler: async ({ c }) => {
    const actor = c.get("actor") as Actor | undefined
    return actor === undefined || !userRoles.includes(actor.role) ? null : sessionOf(actor, c)
  },
})

export const createToken = route({
  method: "post",
  path: "/api/auth/tokens",
  summary: "Create a bearer token for a machine client acting as you (shown once)",
  tag: "auth",
  auth: "user",
  body: TokenBody,
  response: TokenView,
  status: 201,
  handler: async ({ actor, body, deps }) => {
    const t = newToken("xf_")
    await deps.db.transaction(async (tx) => {
      await insertApiToken(tx, { tokenHash: t.hash, userId: actor.userId, name: body.name, at: deps.now() })
      await audit(tx, deps, actor, {
        action: "auth.token.create",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
        details: { name: body.name },
      })
    })
    return { token: t.token }
  },
})

export const revokeTokens = route({
  method: "delete",
  path: "/api/auth/tokens",
  summary: "Revoke all your bearer tokens",
  tag: "auth",
  auth: "user",
  response: Ok,
  handler: async ({ actor, deps }) => {
    await deps.db.transaction(async (tx) => {
      await revokeApiTokens(tx, actor.userId, deps.now())
      await audit(tx, deps, actor, {
        action: "auth.token.revoke",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
      })
    })
    return { ok: true }
  },
})

export const changePassword = route({
  method: "post",
  path: "/api/auth/password",
  summary: "Change your own password; ends every session and bearer token you have, this one included",
  tag: "auth",
  auth: "user",
  roles: userRoles,
  body: PasswordChangeBody,
  response: Ok,
  handler: async ({ actor, body, deps, c }) => {
    const user = await userForLogin(deps.db, actor.username)
    if (user === undefined || !(await verifyPassword(user.user.passwordHash, body.currentPassword))) {
      throw problems.badRequest("当前密码不正确。", "The current password is wrong.", [
        {
          field: "currentPassword",
          reason: "mismatch",
          message: { "zh-CN": "当前密码不正确", en: "the current password is wrong" },
        },
      ])
    }
    const passwordHash = await hashPassword(body.newPassword)
    await deps.db.transaction(async (tx) => {
      await updateUser(tx, actor.userId, { passwordHash })
      const ended = await endAllSessionsOf(tx, actor.userId, deps.now())
      await audit(tx, deps, actor, {
        action: "auth.password.change",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
        details: { ended },
      })
    })
    deleteCookie(c, SESSION_COOKIE, { path: "/" })
    return { ok: true }
  },
})

export const authRoutes = [login, logout, me, session, createToken, revokeTokens, changePassword]
