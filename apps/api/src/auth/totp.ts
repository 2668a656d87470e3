import { randomBytes } from "node:crypto"
import { Secret, TOTP } from "otpauth"
import { sha256 } from "./tokens.js"

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps — what every authenticator
 * app reads from an otpauth:// URI), computed by `otpauth`, at the API's clock.
 */

const ISSUER = "Xianfeng 先锋"
const PERIOD = 30

/** A fresh 160-bit secret (RFC 4226 §4 R6 recommends 160 bits), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32

const totpOf = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), period: PERIOD })

/** The otpauth:// URI an authenticator app scans (Key URI Format), for `label` (the username). */
export const totpUri = (secret: string, label: string): string => totpOf(secret, label).toString()

/**
 * The time step a 6-digit `code` belongs to at `now`, one step of clock drift either way allowed (RFC 6238 §5.2
 * and §6); undefined when the code is wrong. The caller accepts each step once.
 */
export const totpStep = (secret: string, code: string, now: Date): number | undefined => {
  if (!/^\d{6}$/.test(code)) return undefined
  const delta = totpOf(secret, "x").validate({ token: code, timestamp: now.getTime(), window: 1 })
  return delta === null ? undefined : TOTP.counter({ period: PERIOD, timestamp: now.getTime() }) + delta
}

/** How many recovery codes a user gets at enrolment. */
export const RECOVERY_CODES = 10

/** Ten recovery codes of 80 bits each, written `xxxx-xxxx-xxxx-xxxx-xxxx` (hex). */
export const newRecoveryCodes = (): string[] =>
  Array.from(
    { length: RECOVERY_CODES },
    () => randomBytes(10).toString("hex").match(/.{4}/g)?.join("-") ?? "",
  )

/** A recovery code as stored: sha256 of its 20 hex digits, without dashes, lower case. */
export const recoveryCodeHash = (code: string): string => sha256(code.replace(/[\s-]/g, "").toLowerCase())

/** Whether what the user typed looks like a recovery code rather than a TOTP code. */
export const isRecoveryCode = (code: string): boolean => /^[0-9a-f]{20}$/i.test(code.replace(/[\s-]/g, ""))
