import { execFile, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { openDatabase } from "../src/database.js"
import { migratedPgliteDump } from "../src/testing.js"

const child = fileURLToPath(new URL("./support/open-child.ts", import.meta.url))

const runChild = (dir: string) =>
  new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", child, dir],
      { timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    )
  })

describe("PGlite folder lock (one process per data folder)", () => {
  const dir = mkdtempSync(join(tmpdir(), "xf-db-lock-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("makes a second process fail at once with a clear message, and frees the folder on close", async () => {
    // The folder starts from the run's migrated database, not an initdb of its own.
    const database = await openDatabase({ dataDir: dir, loadDataDir: await migratedPgliteDump() })
    try {
      const second = await runChild(dir)
      expect(second.code).not.toBe(0)
      expect(second.stderr).toContain(`in use by process ${process.pid}`)
      expect(second.stdout).not.toContain("opened")
      // it failed on the lock, before booting PGlite (which alone takes seconds)
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by process/)
    } finally {
      await database.close()
    }
    expect(existsSync(join(dir, "xianfeng.lock"))).toBe(false)
  })

  it("takes over a lock left by a dead process", async () => {
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid
    writeFileSync(join(dir, "xianfeng.lock"), `${dead}\n`)
    const reopened = await runChild(dir)
    expect(reopened).toMatchObject({ code: 0 })
    expect(reopened.stdout).toContain("opened")
  })
})
