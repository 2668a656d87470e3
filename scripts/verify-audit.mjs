#!/usr/bin/env node
// Verifies the audit chain of this system's database: DATABASE_URL when set, otherwise the embedded data
// folder (XF_DATA_DIR, default .data; stop `pnpm start` first, since the embedded database has one owner).
import { spawnSync } from "node:child_process"

const target = process.env.DATABASE_URL
  ? ["--url", process.env.DATABASE_URL]
  : ["--data-dir", process.env.XF_DATA_DIR ?? ".data"]
const cli = new URL("../packages/db/dist/verify-audit.js", import.meta.url).pathname
const r = spawnSync(process.execPath, [cli, ...target, ...process.argv.slice(2)], { stdio: "inherit" })
process.exit(r.status ?? 2)
