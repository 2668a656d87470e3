import {
  acceptMfaStep,
  clearMfaSecret,
  confirmMfaSecret,
  countMfaChallengeFailure,
  deleteMfaChallenge,
  mfaChallengeOf,
  recordFailedLogin,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  setPendingMfaSecret,
  type User,
  useRecoveryCode,
  userForLogin,
  userForSignIn,
  type XfDb,
} from "@xianfeng/db"
import { audit } from "../../audit.js"
import { sha256 } from "../../auth/tokens.js"
import {
  isRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpStep,
  totpUri,
} from "../../auth/totp.js"
import type { Deps } from "../../deps.js"
import { clientAddress } from "../../http/client-address.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { recordRefusal } from "../../refusals.js"
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS, startSession } from "./auth.js"
import {
  MfaCode,
  MfaEnrolment,
  MfaRecoveryCodes,
  MfaStatus,
  MfaVerifyBody,
  Ok,
  SessionView,
} from "./contract.js"
import { permissions } from "./permissions.js"

/**
 * The second factor (GB/T 22239-2019 8.1.4.1 d: 应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术):
 * TOTP (RFC 6238) with single-use recovery codes, for the administrators (`permissions.useMfa`). Once a user
 * has confirmed it, signing in takes the password and then a code.
 */

/** Wrong codes one challenge takes before it ends (each also counts toward the account's lockout). */
export const MFA_CHALLENGE_TRIES = 5

const wrongCode = (field: string) =>
  problems.badRequest("动态码不正确或已使用。", "The code is wrong or was already used.", [
    {
      field,
      reason: "mismatch",
      message: { "zh-CN": "动态码不正确或已使用", en: "the code is wrong or was already used" },
    },
  ])

/**
 * Checks a second-factor code for a user with a confirmed secret: a TOTP code (each time step once) or an
 * unused recovery code (used up here). Runs inside the caller's transaction.
 */
const secondFactor = async (
  tx: XfDb,
  deps: Deps,
  user: User,
  code: string,
): Promise<"totp" | "recovery" | undefined> => {
  if (user.mfaSecret === null) return undefined
  if (isRecoveryCode(code)) {
    return (await useRecoveryCode(tx, user.id, recoveryCodeHash(code), deps.now())) ? "recovery" : undefined
  }
  const step = totpStep(deps.vault.decrypt(user.mfaSecret), code, deps.now())
  return step !== undefined && (await acceptMfaStep(tx, user.id, step)) ? "totp" : undefined
}

const loadSelf = async (deps: Deps, username: string) => {
  const found = await userForLogin(deps.db, username)
  if (found === undefined) throw problems.unauthorized()
  return found
}

export const enrollMfa = route({
  method: "post",
  path: "/api/auth/mfa/enroll",
  summary: "Start enrolling a second factor: a new TOTP secret, shown once as an otpauth:// URI",
  description:
    "Scan the URI with an authenticator app, then confirm with a code (POST /api/auth/mfa/confirm).",
  tag: "auth",
  auth: "user",
  roles: permissions.useMfa,
  response: MfaEnrolment,
  handler: async ({ actor, deps }) => {
    const { user } = await loadSelf(deps, actor.username)
    if (user.mfaSecret !== null) {
      throw problems.conflict(
        "已启用动态验证码；如需更换，请先停用。",
        "A second factor is already enabled; disable it first to replace it.",
      )
    }
    const secret = newTotpSecret()
    await deps.db.transaction(async (tx) => {
      await setPendingMfaSecret(tx, actor.userId, deps.vault.encrypt(secret))
      await audit(tx, deps, actor, {
        action: "auth.mfa.enroll",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
      })
    })
    return { uri: totpUri(secret, actor.username), secret }
  },
})

export const confirmMfa = route({
  method: "post",
  path: "/api/auth/mfa/confirm",
  summary: "Confirm the enrolled secret with a code; answers the recovery codes, shown once",
  tag: "auth",
  auth: "user",
  roles: permissions.useMfa,
  body: MfaCode,
  response: MfaRecoveryCodes,
  handler: async ({ actor, body, deps }) => {
    const { user } = await loadSelf(deps, actor.username)
    if (user.mfaPendingSecret === null) {
      throw problems.conflict("没有待确认的动态验证码。", "There is no enrolment to confirm.")
    }
    const step = totpStep(deps.vault.decrypt(user.mfaPendingSecret), body.code, deps.now())
    if (step === undefined) throw wrongCode("code")
    const codes = newRecoveryCodes()
    await deps.db.transaction(async (tx) => {
      await confirmMfaSecret(tx, actor.userId, step)
      await replaceRecoveryCodes(tx, actor.userId, codes.map(recoveryCodeHash))
      await audit(tx, deps, actor, {
        action: "auth.mfa.confirm",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
      })
    })
    return { recoveryCodes: codes }
  },
})

export const disableMfa = route({
  method: "post",
  path: "/api/auth/mfa/disable",
  summary: "Turn the second factor off, with a valid code (TOTP or recovery)",
  tag: "auth",
  auth: "user",
  roles: permissions.useMfa,
  body: MfaCode,
  response: Ok,
  handler: async ({ actor, body, deps }) => {
    const { user } = await loadSelf(deps, actor.username)
    if (user.mfaSecret === null) {
      throw problems.conflict("未启用动态验证码。", "No second factor is enabled.")
    }
    const ok = await deps.db.transaction(async (tx) => {
      const how = await secondFactor(tx, deps, user, body.code)
      if (how === undefined) return false
      await clearMfaSecret(tx, actor.userId)
      await replaceRecoveryCodes(tx, actor.userId, [])
      await audit(tx, deps, actor, {
        action: "auth.mfa.disable",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
        details: { with: how },
      })
      return true
    })
    if (!ok) throw wrongCode("code")
    return { ok: true }
  },
})

export const mfaStatus = route({
  method: "get",
  path: "/api/auth/mfa",
  summary:
    "Whether the caller's second factor is on, an enrolment waits, and how many recovery codes are left",
  tag: "auth",
  auth: "user",
  roles: permissions.useMfa,
  response: MfaStatus,
  handler: async ({ actor, deps }) => {
    const { user } = await loadSelf(deps, actor.username)
    return {
      enabled: user.mfaSecret !== null,
      pending: user.mfaSecret === null && user.mfaPendingSecret !== null,
      recoveryCodesLeft: user.mfaSecret === null ? 0 : await recoveryCodesLeft(deps.db, actor.userId),
    }
  },
})

export const regenerateRecoveryCodes = route({
  method: "post",
  path: "/api/auth/mfa/recovery-codes",
  summary: "New recovery codes for a valid code (TOTP or recovery); the old ones stop working; shown once",
  tag: "auth",
  auth: "user",
  roles: permissions.useMfa,
  body: MfaCode,
  response: MfaRecoveryCodes,
  handler: async ({ actor, body, deps }) => {
    const { user } = await loadSelf(deps, actor.username)
    if (user.mfaSecret === null) {
      throw problems.conflict("未启用动态验证码。", "No second factor is enabled.")
    }
    const codes = newRecoveryCodes()
    const ok = await deps.db.transaction(async (tx) => {
      const how = await secondFactor(tx, deps, user, body.code)
      if (how === undefined) return false
      await replaceRecoveryCodes(tx, actor.userId, codes.map(recoveryCodeHash))
      await audit(tx, deps, actor, {
        action: "auth.mfa.recovery-codes",
        objectType: "user",
        objectId: actor.userId,
        result: "ok",
        details: { with: how, count: codes.length },
      })
      return true
    })
    if (!ok) throw wrongCode("code")
    return { recoveryCodes: codes }
  },
})

export const verifyMfa = route({
  method: "post",
  path: "/api/auth/mfa/verify",
  summary: "Second step of signing in: the challenge from the 401 `mfa-required` answer and a code",
  description:
    `A challenge lasts 5 minutes and takes ${MFA_CHALLENGE_TRIES} wrong codes; each wrong code also counts ` +
    `toward the account's lockout (${MAX_FAILED_LOGINS} in a row).`,
  tag: "auth",
  auth: "public",
  body: MfaVerifyBody,
  response: SessionView,
  handler: async ({ body, deps, c }) => {
    const id = sha256(body.challenge)
    const now = deps.now()
    const challenge = await mfaChallengeOf(deps.db, id, now)
    const expired = () =>
      problems.badRequest("登录已过期，请重新输入密码。", "The sign-in expired; enter the password again.", [
        {
          field: "challenge",
          reason: "expired",
          message: { "zh-CN": "登录已过期", en: "the sign-in expired" },
        },
      ])
    if (challenge === undefined) throw expired()
    const user = await userForSignIn(deps.db, challenge.userId)
    if (user === undefined || user.user.disabled) throw expired()
    const u = user.user
    if (u.lockedUntil !== null && u.lockedUntil > now) {
      throw problems.locked(u.lockedUntil.toISOString().slice(0, 16).replace("T", " "))
    }
    const ip = clientAddress(c)
    const how = await deps.db.transaction(async (tx) => {
      const result = await secondFactor(tx, deps, u, body.code)
      if (result !== undefined) {
        // The challenge is used once: of two simultaneous right codes, one signs in.
        return (await deleteMfaChallenge(tx, id)) ? result : "used"
      }
      const failures = await countMfaChallengeFailure(tx, id)
      if (failures >= MFA_CHALLENGE_TRIES) await deleteMfaChallenge(tx, id)
      await recordFailedLogin(tx, u.id, now, MAX_FAILED_LOGINS, LOCKOUT_MINUTES * 60_000)
      await audit(
        tx,
        deps,
        { userId: u.id, role: u.role },
        {
          action: "auth.login",
          objectType: "user",
          objectId: u.id,
          result: "failed",
          details: { ip, step: "mfa", failures },
        },
      )
      return undefined
    })
    if (how === "used") throw expired()
    if (how === undefined) {
      await recordRefusal(deps, c, "sign-in", { userId: u.id, role: u.role }, { audited: false })
      throw wrongCode("code")
    }
    return startSession(c, deps, user, { ip, step: "mfa", with: how })
  },
})

export const mfaRoutes = [mfaStatus, enrollMfa, confirmMfa, disableMfa, regenerateRecoveryCodes, verifyMfa]
