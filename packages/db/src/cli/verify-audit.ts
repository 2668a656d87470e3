#!/usr/bin/env node
import { verifyAuditMain } from "./verify-audit-main.js"

// The command's process: its arguments and DATABASE_URL in, its exit code out (verify-audit-main.ts).
verifyAuditMain(process.argv.slice(2), process.env.DATABASE_URL).then((code) => {
  process.exitCode = code
})
