import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestProject } from "vitest/node"
import { checkBuilt, startServer, stopServer } from "./harness"

/**
 * Once per run: the built server loads the demo district into a data folder of its own, then stops; every
 * browser test's server starts from a copy of that folder (harness.ts) instead of generating the district
 * again. The one load gets a long wait: on a busy 2-core box it once took longer than 100 s.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  checkBuilt()
  const dir = mkdtempSync(join(tmpdir(), "xf-e2e-demo-"))
  try {
    const { server } = await startServer({ XF_DATA_DIR: dir }, 600_000)
    await stopServer(server)
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  project.provide("demoDataDir", dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
