import { createHash } from "node:crypto"
import type { Rng } from "@xianfeng/core/testing"

/**
 * A version-4-shaped UUID drawn from the PRNG, so demo ids are stable too. With `serial`, its last 48 bits
 * are the serial: two PRNG streams that happen to share a 32-bit seed (about a hundred pairs in a million
 * members) still give different ids.
 */
export const uuidFrom = (rng: Rng, serial?: number): string => {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(rng() * 4294967296)
      .toString(16)
      .padStart(8, "0"),
  ).join("")
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16)
  const tail = serial === undefined ? hex.slice(20, 32) : serial.toString(16).padStart(12, "0").slice(-12)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${tail}`
}

/** A version-4-shaped UUID that is a hash of `key`: unique for unique keys (SHA-256, not a 32-bit seed). */
export const uuidOf = (key: string): string => {
  const hex = createHash("sha256").update(key).digest("hex")
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
