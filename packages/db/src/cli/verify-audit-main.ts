import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { auditHeads, parseAuditHeads, verifyAuditChain, verifyAuditHeads } from "../audit.js"
import { openDatabase } from "../database.js"

const usage = `usage: verify-audit [--data-dir DIR | --url URL] [--heads FILE] [--print-heads]   (default: $DATABASE_URL)
  --heads FILE    also check that the lane heads in FILE (written by the API, XF_AUDIT_HEADS_FILE) are still there
  --print-heads   print the current lane heads as JSON on stdout, for a copy kept off the box
  --from FILE     the heads of the part retention removed: check each lane from its anchor in FILE`

/** Where the command writes: `out` for its result (stdout), `err` for verdicts of failure and usage (stderr). */
export interface CliIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) }

/**
 * The verify-audit command (README, "The audit log"): checks the audit log's hash chain in the database named
 * by `argv` (`--data-dir DIR` or `--url URL`; `defaultUrl`, the caller's DATABASE_URL, otherwise), and with
 * `--heads FILE` that the lane heads kept off the box are still there. Opens the database read-only (no
 * migration). Returns the exit code: 0 intact, 1 broken (the first broken row or lane on `err`), 2 usage or a
 * database it cannot read.
 */
export const verifyAuditMain = async (
  argv: readonly string[],
  defaultUrl: string | undefined,
  io: CliIo = consoleIo,
): Promise<number> => {
  try {
    return await run(argv, defaultUrl, io)
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e))
    return 2
  }
}

const run = async (argv: readonly string[], defaultUrl: string | undefined, io: CliIo): Promise<number> => {
  let dataDir: string | undefined
  let url = defaultUrl || undefined
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
      io.out(usage)
      return 0
    } else if (arg !== undefined && /^postgres(ql)?:\/\//.test(arg)) url = arg
    else {
      io.err(usage)
      return 2
    }
  }
  if (dataDir === undefined && url === undefined) {
    io.err(usage)
    return 2
  }
  const heads = headsFile === undefined ? undefined : parseAuditHeads(readFileSync(headsFile, "utf8"))
  const from = fromFile === undefined ? undefined : parseAuditHeads(readFileSync(fromFile, "utf8"))
  if (dataDir !== undefined && !existsSync(join(dataDir, "pgdata"))) {
    io.err(`no Xianfeng database in ${dataDir} (expected ${join(dataDir, "pgdata")})`)
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
      io.err(`audit log BROKEN at seq ${verdict.brokenAt}: ${verdict.reason}`)
      return 1
    }
    if (heads !== undefined) {
      const kept = await verifyAuditHeads(database.db, heads)
      if (!kept.ok) {
        io.err(`audit log BROKEN in ${kept.reason}`)
        return 1
      }
    }
    if (printHeads) {
      io.out(JSON.stringify(await auditHeads(database.db)))
      io.err(`audit log intact: ${verdict.rows} rows`)
    } else {
      const against =
        heads === undefined ? "" : `, the ${heads.lanes.length} lane heads of ${heads.at} present`
      io.out(`audit log intact: ${verdict.rows} rows${against}`)
    }
    return 0
  } finally {
    await database.close()
  }
}
