#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { auditHeads, parseAuditHeads, verifyAuditChain, verifyAuditHeads } from "../audit.js"
import { openDatabase } from "../database.js"

const usage = `usage: verify-audit [--data-dir DIR | --url URL] [--heads FILE] [--print-heads]   (default: $DATABASE_URL)
  --heads FILE    also check that the lane heads in FILE (written by the API, XF_AUDIT_HEADS_FILE) are still there
  --print-heads   print the current lane heads as JSON on stdout, for a copy kept off the box
  --from FILE     the heads of the part retention removed: check each lane from its anchor in FILE`

const main = async (argv: readonly string[]): Promise<number> => {
  let dataDir: string | undefined
  let url = process.env.DATABASE_URL || undefined
  let headsFile: string | undefined
  let printHeads = false
  let fromFile: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--data-dir") dataDir = argv[++i]
    else if (arg === "--url") url = argv[++i]
    else if (arg === "--heads") headsFile = argv[++i]
    else if (arg === "--print-heads") printHeads = true
    else if (arg === "--from") fromFile = argv[++i]
    else if (arg === "--help" || arg === "-h") {
      console.log(usage)
      return 0
    } else if (arg !== undefined && /^postgres(ql)?:\/\//.test(arg)) url = arg
    else {
      console.error(usage)
      return 2
    }
  }
  if (dataDir === undefined && url === undefined) {
    console.error(usage)
    return 2
  }
  const heads = headsFile === undefined ? undefined : parseAuditHeads(readFileSync(headsFile, "utf8"))
  const from = fromFile === undefined ? undefined : parseAuditHeads(readFileSync(fromFile, "utf8"))
  if (dataDir !== undefined && !existsSync(join(dataDir, "pgdata"))) {
    console.error(`no Xianfeng database in ${dataDir} (expected ${join(dataDir, "pgdata")})`)
    return 2
  }
  // Read only: never migrate a database just to check it.
  const database = await openDatabase(
    dataDir !== undefined ? { dataDir, migrate: false } : { url: url ?? "", migrate: false, poolMax: 1 },
  )
  try {
    const verdict = await verifyAuditChain(database.db, undefined, from === undefined ? {} : { from }).catch(
      (e: unknown) => {
        const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e)
        throw new Error(
          `cannot read the audit log (${cause}). If the database was made by an older version, start Xianfeng once to migrate it, then verify again.`,
        )
      },
    )
    if (!verdict.ok) {
      console.error(`audit log BROKEN at seq ${verdict.brokenAt}: ${verdict.reason}`)
      return 1
    }
    if (heads !== undefined) {
      const kept = await verifyAuditHeads(database.db, heads)
      if (!kept.ok) {
        console.error(`audit log BROKEN in ${kept.reason}`)
        return 1
      }
    }
    if (printHeads) {
      console.log(JSON.stringify(await auditHeads(database.db)))
      console.error(`audit log intact: ${verdict.rows} rows`)
    } else {
      const against =
        heads === undefined ? "" : `, the ${heads.lanes.length} lane heads of ${heads.at} present`
      console.log(`audit log intact: ${verdict.rows} rows${against}`)
    }
    return 0
  } finally {
    await database.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 2
  },
)
