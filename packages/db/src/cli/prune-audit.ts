#!/usr/bin/env node
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs"
import { join } from "node:path"
import { pruneAuditLog, retentionCut } from "../audit-retention.js"
import { openDatabase } from "../database.js"

/** The law's floor (网络安全法 第二十一条: network logs kept at least six months); the policy keeps 36. */
const MIN_MONTHS = 6

const usage = `usage: prune-audit [--data-dir DIR | --url URL] --archive-dir DIR [--keep-months N]   (default: $XF_DATABASE_OWNER_URL, then $DATABASE_URL)
  Archives the audit rows written before the first day of the month N months ago (default 36, at least ${MIN_MONTHS})
  to DIR/audit-before-YYYY-MM.jsonl, then removes them, keeping each lane's anchor so the rest still verifies
  (docs/security.md, "Retention of the audit log"). Run it as the database's owner, monthly. Prints the anchors
  as JSON: keep a copy off the box with the heads.`

const main = async (argv: readonly string[]): Promise<number> => {
  let dataDir: string | undefined
  let url = process.env.XF_DATABASE_OWNER_URL || process.env.DATABASE_URL || undefined
  let archiveDir: string | undefined
  let keepMonths = 36
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--data-dir") dataDir = argv[++i]
    else if (arg === "--url") url = argv[++i]
    else if (arg === "--archive-dir") archiveDir = argv[++i]
    else if (arg === "--keep-months") keepMonths = Number(argv[++i])
    else if (arg === "--help" || arg === "-h") {
      console.log(usage)
      return 0
    } else {
      console.error(usage)
      return 2
    }
  }
  if (archiveDir === undefined || (dataDir ?? url) === undefined) {
    console.error(usage)
    return 2
  }
  if (!Number.isInteger(keepMonths) || keepMonths < MIN_MONTHS || keepMonths > 1200) {
    console.error(`--keep-months must be a whole number from ${MIN_MONTHS} to 1200`)
    return 2
  }
  const now = new Date()
  const cutAt = retentionCut(now, keepMonths)
  const month = new Date(Date.UTC(cutAt.getUTCFullYear(), cutAt.getUTCMonth(), 1)).toISOString().slice(0, 7)
  const name = `audit-before-${month}.jsonl`
  const file = join(archiveDir, name)
  const database = await openDatabase(
    dataDir !== undefined ? { dataDir, migrate: false } : { url: url ?? "", migrate: false, poolMax: 1 },
  )
  // Exclusive create: an archive of the same cut is never overwritten.
  const fd = openSync(file, "wx", 0o600)
  try {
    const result = await pruneAuditLog(database.db, {
      cutAt,
      now,
      archive: {
        name,
        write: async (rows) => {
          writeSync(fd, rows.map((r) => `${JSON.stringify(r)}\n`).join(""))
          fsyncSync(fd)
        },
      },
    })
    console.log(JSON.stringify({ at: now.toISOString(), cutAt: cutAt.toISOString(), lanes: result.lanes }))
    console.error(
      `audit log: ${result.rows} rows before ${cutAt.toISOString()} archived to ${file} and removed` +
        (result.droppedPartitions.length > 0
          ? ` (partitions dropped: ${result.droppedPartitions.join(", ")})`
          : ""),
    )
    return 0
  } finally {
    closeSync(fd)
    await database.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exitCode = 2
  },
)
