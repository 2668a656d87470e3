import { createHash, randomBytes, timingSafeEqual } from "node:crypto"

/** A fresh random token (256 bits, base64url) and the hash under which it is stored. */
export const newToken = (prefix = ""): { token: string; hash: string } => {
  const token = prefix + randomBytes(32).toString("base64url")
  return { token, hash: sha256(token) }
}

export const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex")

export const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
