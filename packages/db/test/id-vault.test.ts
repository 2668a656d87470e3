import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeIdNumber } from "@xianfeng/core"
import fc from "fast-check"
import { Temporal } from "temporal-polyfill"
import { afterAll, describe, expect, it } from "vitest"
import { createIdVault, IdVaultError, KEY_FILE, keyFromConfig, loadOrCreateKey } from "../src/id-vault.js"

const key = (byte: number) => new Uint8Array(32).fill(byte)
const vault = createIdVault(key(1))
const id = makeIdNumber("110199", Temporal.PlainDate.from("1975-10-01"), 37)

describe("ID vault", () => {
  it("round-trips any number, with a fresh nonce each time", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (n) => {
        const a = vault.encrypt(n)
        expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+$/)
        expect(a).not.toContain(n)
        expect(vault.decrypt(a)).toBe(n)
        expect(vault.encrypt(n)).not.toBe(a)
      }),
      { numRuns: 200 },
    )
  })

  it("detects any altered byte, and a cipher sealed under another key", () => {
    const sealed = vault.encrypt(id)
    const raw = Buffer.from(sealed.slice(3), "base64")
    for (let i = 0; i < raw.length; i++) {
      const bent = Buffer.from(raw)
      bent[i] = (bent[i] ?? 0) ^ 0x01
      expect(() => vault.decrypt(`v1:${bent.toString("base64")}`)).toThrow(IdVaultError)
    }
    expect(() => createIdVault(key(2)).decrypt(sealed)).toThrow(IdVaultError)
    expect(() => vault.decrypt(`v9:${sealed.slice(3)}`)).toThrow(/version/)
  })

  it("gives a stable blind index per key, independent of the case of x", () => {
    const x = makeIdNumber("330199", Temporal.PlainDate.from("1990-01-01"), 2)
    expect(createIdVault(key(1)).blindIndex(id)).toBe(vault.blindIndex(id))
    expect(vault.blindIndex(id)).toMatch(/^[0-9a-f]{64}$/)
    expect(vault.blindIndex(` ${x.toLowerCase()} `)).toBe(vault.blindIndex(x))
    expect(createIdVault(key(2)).blindIndex(id)).not.toBe(vault.blindIndex(id))
    expect(vault.blindIndex(x)).not.toBe(vault.blindIndex(id))
  })

  it("refuses keys that are not 32 bytes", () => {
    expect(() => createIdVault(new Uint8Array(16))).toThrow(IdVaultError)
    expect(() => keyFromConfig(Buffer.alloc(31).toString("base64"))).toThrow(IdVaultError)
    expect(keyFromConfig(Buffer.alloc(32, 9).toString("base64"))).toEqual(key(9))
  })

  describe("key file", () => {
    const dir = mkdtempSync(join(tmpdir(), "xf-db-key-"))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it("is created once with mode 0600 and read back the same", () => {
      const first = loadOrCreateKey(dir)
      expect(first).toHaveLength(32)
      expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600)
      expect(loadOrCreateKey(dir)).toEqual(first)
    })
  })
})
