import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { sql } from "drizzle-orm"
import { afterAll, describe, expect, it } from "vitest"
import { appendAudit } from "../src/audit.js"
import { openDatabase } from "../src/database.js"

const cli = fileURLToPath(new URL("../src/cli/verify-audit.ts", import.meta.url))
const run = (args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", cli, ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    )
  })

describe("verify-audit CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "xf-db-cli-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("exits 0 on an intact log and 1 once a row was edited", async () => {
    let database = await openDatabase({ dataDir: dir })
    for (const action of ["auth.login", "member.read", "member.reveal-id"]) {
      await database.db.transaction((tx) => appendAudit(tx, { action, result: "ok", actorId: "u1" }))
    }
    await database.close()
    expect(await run(["--data-dir", dir])).toEqual({ code: 0, out: "audit log intact: 3 rows\n" })

    database = await openDatabase({ dataDir: dir })
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
      await tx.execute(sql`update audit_log set actor_id = 'u2' where action = 'member.read'`)
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
    })
    await database.close()
    const broken = await run(["--data-dir", dir])
    expect(broken.code).toBe(1)
    expect(broken.out).toMatch(/BROKEN at seq 2/)
  })
})
