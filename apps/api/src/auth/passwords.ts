import { hash, verify } from "@node-rs/argon2"

// @node-rs/argon2 defaults to Argon2id with m=19 MiB, t=2, p=1: the OWASP recommendation.
export const hashPassword = (password: string): Promise<string> => hash(password)

export const verifyPassword = async (hashed: string, password: string): Promise<boolean> => {
  try {
    return await verify(hashed, password)
  } catch {
    return false
  }
}

/** Verifying against this when the user does not exist keeps the answer time the same (no user oracle). */
let dummy: Promise<string> | undefined
export const burnPasswordCheck = async (password: string): Promise<void> => {
  dummy ??= hash("xianfeng-no-such-user")
  await verifyPassword(await dummy, password)
}
