import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { auditHeads, parseAuditHeads } from "@xianfeng/db"
import { afterAll, describe, expect, it } from "vitest"
import { Agent, backends, SMALL_DEMO_MEMBERS, testSystem } from "./support.js"

describe.each(backends)("the audit log's heads off the box on %s", (backend) => {
  const dir = mkdtempSync(join(tmpdir(), "xf-api-heads-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("writes every lane's head to the configured file, and again on shutdown", async () => {
    const file = join(dir, "heads", "audit-heads.json")
    const sys = await testSystem(backend, {
      auditHeadsFile: file,
      auditHeadsSeconds: 3600,
      demoMembers: SMALL_DEMO_MEMBERS,
    })
    let stopped = false
    try {
      // Written at start, before anyone signed in.
      await expect.poll(() => readFileSync(file, "utf8").length, { timeout: 10_000 }).toBeGreaterThan(0)
      const agent = new Agent(sys)
      for (let i = 0; i < 6; i++) expect((await agent.login("admin")).status).toBe(200)
      const expected = await auditHeads(sys.deps.db)
      expect(expected.lanes.length).toBeGreaterThan(0)
      await sys.stop()
      stopped = true
      const written = parseAuditHeads(readFileSync(file, "utf8"))
      expect(written.lanes).toEqual(expected.lanes)
    } finally {
      if (!stopped) await sys.stop()
    }
  })
})
