import { execFile } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { sql } from "drizzle-orm"
import { afterAll, describe, expect, it } from "vitest"
import { appendAudit } from "../src/audit.js"
import { verifyAuditMain } from "../src/cli/verify-audit-main.js"
import { openDatabase } from "../src/database.js"
import { migratedPgliteDump } from "../src/testing.js"

// The command as users run it: the package's bin over the built dist (turbo builds before test). One process
// run shows the exit code reaching the shell; the other runs call the same main function in-process, which
// saves a process's PGlite compile (seconds of CPU, tens of seconds on a busy 2-core box) per run.
// Opens of a data folder, in-process runs included, take over a minute each on a box at load 30. Each folder
// starts from the run's migrated database (`loadDataDir` into the empty folder) instead of an initdb and every
// migration of its own.
const TEST_MS = 600_000
const bin = fileURLToPath(new URL("../bin/xianfeng-verify-audit.mjs", import.meta.url))
const runProcess = (args: string[]) =>
  new Promise<{ code: number; out: string; stdout: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr, stdout }),
    )
  })
/** `verifyAuditMain` in this process, with no DATABASE_URL, its lines gathered as the process would print them. */
const run = async (args: string[]) => {
  let stdout = ""
  let stderr = ""
  const code = await verifyAuditMain(args, undefined, {
    out: (line) => {
      stdout += `${line}\n`
    },
    err: (line) => {
      stderr += `${line}\n`
    },
  })
  return { code, out: stdout + stderr, stdout }
}

describe("verify-audit CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "xf-db-cli-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it(
    "exits 0 on an intact log and 1 once a row was edited",
    async () => {
      let database = await openDatabase({ dataDir: dir, loadDataDir: await migratedPgliteDump() })
      for (const action of ["auth.login", "member.read", "member.reveal-id"]) {
        await database.db.transaction((tx) => appendAudit(tx, { action, result: "ok", actorId: "u1" }))
      }
      await database.close()
      expect(await run(["--data-dir", dir])).toMatchObject({ code: 0, out: "audit log intact: 3 rows\n" })

      database = await openDatabase({ dataDir: dir })
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
        await tx.execute(sql`update audit_log set actor_id = 'u2' where action = 'member.read'`)
        await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
      })
      await database.close()
      const broken = await runProcess(["--data-dir", dir])
      expect(broken.code).toBe(1)
      expect(broken.out).toMatch(/BROKEN at seq 2/)
    },
    TEST_MS,
  )

  it(
    "prints the lane heads for a copy off the box, and fails naming the lane whose newest row was deleted",
    async () => {
      const own = mkdtempSync(join(tmpdir(), "xf-db-heads-"))
      try {
        let database = await openDatabase({ dataDir: own, loadDataDir: await migratedPgliteDump() })
        for (let i = 0; i < 16; i++) {
          await database.db.transaction((tx) => appendAudit(tx, { action: "member.read", result: "ok" }))
        }
        await database.close()
        const printed = await run(["--data-dir", own, "--print-heads"])
        expect(printed.code).toBe(0)
        const heads = JSON.parse(printed.stdout) as { lanes: { lane: number; seq: number }[] }
        const file = join(own, "heads.json")
        writeFileSync(file, printed.stdout)
        expect(await run(["--data-dir", own, "--heads", file])).toMatchObject({ code: 0 })

        const head = heads.lanes[0]
        if (head === undefined) throw new Error("no lane")
        database = await openDatabase({ dataDir: own })
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
          await tx.execute(sql`delete from audit_log where seq = ${head.seq}`)
          await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
        })
        await database.close()
        // The chain alone still holds; the heads kept elsewhere do not.
        expect(await run(["--data-dir", own])).toMatchObject({ code: 0 })
        const broken = await run(["--data-dir", own, "--heads", file])
        expect(broken.code).toBe(1)
        expect(broken.out).toMatch(new RegExp(`BROKEN in lane ${head.lane}: .*seq ${head.seq}.* is missing`))
      } finally {
        rmSync(own, { recursive: true, force: true })
      }
    },
    TEST_MS,
  )
})
