import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * Encrypts ID numbers at rest (等保 数据保密性, GB/T 35273 §6.3) and gives a keyed blind index to find a
 * person by number without decrypting the table.
 */
export interface IdVault {
  /** AES-256-GCM with a random 96-bit nonce: `v1:` + base64(nonce ‖ ciphertext ‖ tag). */
  encrypt(idNumber: string): string
  /** Throws `IdVaultError` when the text was altered or was sealed under another key. */
  decrypt(cipher: string): string
  /** HMAC-SHA256 (hex) of the normalized number, under its own HKDF subkey. */
  blindIndex(idNumber: string): string
}

export class IdVaultError extends Error {
  override readonly name = "IdVaultError"
}

const VERSION = "v1:"
const NONCE = 12
const TAG = 16
const AAD = Buffer.from("xianfeng/id-number/v1")

/** The stored form of a number: trimmed, with a lower-case check character `x` made `X`. */
const normalize = (idNumber: string) => idNumber.trim().toUpperCase()

const subkey = (key: Uint8Array, info: string): Buffer =>
  Buffer.from(hkdfSync("sha256", key, Buffer.from("xianfeng-id-vault"), Buffer.from(info), 32))

export const createIdVault = (key: Uint8Array): IdVault => {
  if (key.length !== 32) throw new IdVaultError(`the ID vault key must be 32 bytes, got ${key.length}`)
  // Separate subkeys: a leak of the index key reveals nothing about the encryption key and back.
  const encKey = subkey(key, "id-number encryption v1")
  const macKey = subkey(key, "id-number blind index v1")
  return {
    encrypt: (idNumber) => {
      const nonce = randomBytes(NONCE)
      const cipher = createCipheriv("aes-256-gcm", encKey, nonce)
      cipher.setAAD(AAD)
      const body = Buffer.concat([cipher.update(normalize(idNumber), "utf8"), cipher.final()])
      return VERSION + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64")
    },
    decrypt: (text) => {
      if (!text.startsWith(VERSION)) throw new IdVaultError("unknown ID cipher version")
      const raw = Buffer.from(text.slice(VERSION.length), "base64")
      if (raw.length < NONCE + TAG) throw new IdVaultError("ID cipher text is too short")
      try {
        const decipher = createDecipheriv("aes-256-gcm", encKey, raw.subarray(0, NONCE))
        decipher.setAAD(AAD)
        decipher.setAuthTag(raw.subarray(raw.length - TAG))
        return Buffer.concat([
          decipher.update(raw.subarray(NONCE, raw.length - TAG)),
          decipher.final(),
        ]).toString("utf8")
      } catch {
        throw new IdVaultError("ID cipher text failed authentication (altered, or another key)")
      }
    },
    blindIndex: (idNumber) => createHmac("sha256", macKey).update(normalize(idNumber), "utf8").digest("hex"),
  }
}

/** A key given in configuration (e.g. `XIANFENG_ID_KEY`), base64 of 32 bytes. */
export const keyFromConfig = (base64: string): Uint8Array => {
  const key = Buffer.from(base64.trim(), "base64")
  if (key.length !== 32)
    throw new IdVaultError(`the ID vault key must be base64 of 32 bytes, got ${key.length}`)
  return new Uint8Array(key)
}

export const KEY_FILE = "id-vault.key"

/**
 * Reads `<dataDir>/id-vault.key`, creating it (mode 0600, 32 random bytes in base64) on first start.
 * Back it up apart from the database: without it the ID numbers cannot be read back.
 */
export const loadOrCreateKey = (dataDir: string): Uint8Array => {
  const file = join(dataDir, KEY_FILE)
  mkdirSync(dataDir, { recursive: true })
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
  }
  return keyFromConfig(readFileSync(file, "utf8"))
}
