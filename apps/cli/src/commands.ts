import { spawn } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { basename, dirname, join } from "node:path"
import { dateOfInstant, parseYearSchedule } from "@xianfeng/core"
import {
  ArchiveRefused,
  appendAudit,
  checkImport,
  createIdVault,
  type Database,
  EMPTY_DATABASE_SCOPE,
  exportArchive,
  hasNoOrganizations,
  importErrorReport,
  importerOf,
  importers,
  keyFromConfig,
  loadOrCreateKey,
  openDatabase,
  proposeMapping,
  readTable,
  restoreArchive,
  runImport,
  saveCalendarYear,
  scopeOfOrg,
  UnreadableFile,
} from "@xianfeng/db"
import type { CliEnv } from "./config.js"

/** Where messages go: progress and notes on stderr, results on stdout (so they can be piped). */
export interface Io {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  /** A progress line that replaces itself on a terminal. */
  readonly progress: (line: string) => void
}

export const usage = `usage: xianfeng <command> [options]

commands:
  migrate                         apply the database migrations (and data migrations); prints what ran
  import <kind> <file> --org ID   import a .xlsx or .csv (kinds: ${Object.keys(importers).join(", ")}) into the
                                  subtree of organization ID, all or nothing; a district's first
                                  organizations (the root row without a parent code) need no --org
      --check                     only check every row; write nothing
      --mapping FILE.json         the column mapping { field: "column header" } (default: auto-mapped)
      --report FILE.xlsx          write the row-level error report there
  export <file.xfa>               export the whole district into one archive (ID numbers stay encrypted)
  restore <file.xfa>              restore an archive into an empty database (same version, same ID key)
  calendar <year.json>            load a year of the official working calendar as the State Council published it:
                                  { "year": 2027, "notice": "国办发明电〔2026〕…号", "holidays": { "2027-01-01": "元旦" },
                                    "makeUpWorkdays": ["2027-01-09"] }; until loaded, the year stays unknown
  verify-audit [options]          check the audit log's hash chain (see xianfeng verify-audit --help)

database: --url URL | --data-dir DIR (default: $DATABASE_URL, else $XF_DATA_DIR or .data)
ID key:   $XF_ID_KEY (base64 of 32 bytes), else <data dir>/id-vault.key`

interface Common {
  url: string | undefined
  dataDir: string
  rest: string[]
  flags: Map<string, string | true>
}

const parse = (argv: readonly string[], env: CliEnv): Common => {
  const flags = new Map<string, string | true>()
  const rest: string[] = []
  const valued = new Set(["--url", "--data-dir", "--org", "--mapping", "--report"])
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (valued.has(a)) {
      const v = argv[++i]
      if (v === undefined) throw new UsageError(`${a} needs a value`)
      flags.set(a, v)
    } else if (a.startsWith("--")) flags.set(a, true)
    else rest.push(a)
  }
  const url =
    (flags.get("--url") as string | undefined) ?? (flags.has("--data-dir") ? undefined : env.databaseUrl)
  const dataDir = (flags.get("--data-dir") as string | undefined) ?? env.dataDir
  return { url, dataDir, rest, flags }
}

export class UsageError extends Error {
  override readonly name = "UsageError"
}

const open = (c: Common, migrate = true): Promise<Database> =>
  openDatabase(c.url !== undefined ? { url: c.url, poolMax: 2, migrate } : { dataDir: c.dataDir, migrate })

const vaultOf = (c: Common, env: CliEnv) => {
  if (env.idKey !== undefined) return createIdVault(keyFromConfig(env.idKey))
  if (c.url !== undefined) throw new UsageError("with a PostgreSQL URL, give the ID key in XF_ID_KEY")
  return createIdVault(loadOrCreateKey(c.dataDir))
}

const percent = (done: number, total: number) => (total === 0 ? 100 : Math.floor((done / total) * 100))

const migrate = async (c: Common, io: Io): Promise<number> => {
  const database = await open(c)
  await database.close()
  io.out(`migrated: ${c.url !== undefined ? "PostgreSQL" : c.dataDir} is at the current schema`)
  return 0
}

const importFile = async (c: Common, env: CliEnv, io: Io): Promise<number> => {
  const [kind, file] = c.rest
  const orgId = c.flags.get("--org")
  if (kind === undefined || file === undefined || (orgId !== undefined && typeof orgId !== "string"))
    throw new UsageError(
      "import needs <kind> <file> --org ID (--org may be left out only for the first organizations)",
    )
  const importer = importerOf(kind)
  if (importer === undefined)
    throw new UsageError(`no import kind "${kind}" (kinds: ${Object.keys(importers).join(", ")})`)
  let table: Awaited<ReturnType<typeof readTable>>
  try {
    table = await readTable(new Uint8Array(readFileSync(file)), basename(file))
  } catch (e) {
    if (e instanceof UnreadableFile) {
      io.err(`${file}: ${e.messageZh} (${e.message})`)
      return 1
    }
    throw e
  }
  const database = await open(c)
  try {
    const vault = vaultOf(c, env)
    const empty = await hasNoOrganizations(database.db)
    const scope =
      typeof orgId === "string"
        ? await scopeOfOrg(database.db, orgId)
        : kind === "orgs" && empty
          ? EMPTY_DATABASE_SCOPE
          : undefined
    if (scope === undefined) {
      io.err(
        typeof orgId === "string"
          ? `no organization ${orgId}`
          : "give --org ID: the organization whose subtree the rows go into",
      )
      return typeof orgId === "string" ? 1 : 2
    }
    const mappingFile = c.flags.get("--mapping")
    const mapping =
      typeof mappingFile === "string"
        ? (JSON.parse(readFileSync(mappingFile, "utf8")) as Record<string, string>)
        : await proposeMapping(database.db, scope, importer, table.headers)
    const now = new Date()
    const deps = {
      vault,
      asOf: dateOfInstant(now),
      at: now,
      actor: { id: null, role: "cli" },
      onProgress: (phase: "check" | "write", done: number, total: number) =>
        io.progress(
          `${phase === "check" ? "checking" : "writing"} ${done}/${total} (${percent(done, total)}%)`,
        ),
    }
    io.err(
      `${table.rows.length} rows; columns: ${Object.entries(mapping)
        .map(([f, h]) => `${f}←${h}`)
        .join(", ")}`,
    )
    const result = c.flags.has("--check")
      ? { check: await checkImport(database.db, scope, importer, table, mapping, deps), written: 0 }
      : await database.db.transaction((tx) =>
          runImport(tx as never, scope, importer, table, mapping, deps, { fileName: basename(file) }),
        )
    const check = result.check
    for (const p of check.mappingProblems) io.err(`mapping: ${p.zh}`)
    for (const r of check.rows)
      for (const e of r.errors)
        io.err(`row ${r.sheetRow}: ${e.column === undefined ? "" : `「${e.column}」`}${e.zh}`)
    const report = c.flags.get("--report")
    if (typeof report === "string") {
      writeFileSync(report, await importErrorReport(table, check))
      io.err(`error report: ${report}`)
    }
    io.out(
      `${check.total} rows, ${check.withErrors} with errors, ${check.withWarnings} with warnings; ${result.written} written${
        check.withErrors > 0 ? " (nothing is written while any row has an error)" : ""
      }`,
    )
    return check.withErrors > 0 || check.mappingProblems.length > 0 ? 1 : 0
  } finally {
    await database.close()
  }
}

const exportTo = async (c: Common, env: CliEnv, io: Io): Promise<number> => {
  const [file] = c.rest
  if (file === undefined) throw new UsageError("export needs <file.xfa>")
  const database = await open(c)
  try {
    const bytes = await exportArchive(database.db, vaultOf(c, env), {
      onProgress: (t, done, total) => io.progress(`exporting ${t} (${done}/${total})`),
    })
    writeFileSync(file, bytes)
    io.out(`exported to ${file} (${bytes.length} bytes)`)
    return 0
  } finally {
    await database.close()
  }
}

const restoreFrom = async (c: Common, env: CliEnv, io: Io): Promise<number> => {
  const [file] = c.rest
  if (file === undefined) throw new UsageError("restore needs <file.xfa>")
  const database = await open(c)
  try {
    const { rows } = await restoreArchive(database.db, vaultOf(c, env), new Uint8Array(readFileSync(file)), {
      onProgress: (t, done, total) => io.progress(`restoring ${t} (${done}/${total})`),
    })
    io.out(`restored ${rows} rows from ${file}`)
    return 0
  } catch (e) {
    if (e instanceof ArchiveRefused) {
      io.err(`not restored: ${e.message}`)
      return 1
    }
    throw e
  } finally {
    await database.close()
  }
}

const loadCalendar = async (c: Common, io: Io): Promise<number> => {
  const [file] = c.rest
  if (file === undefined) throw new UsageError("calendar needs <year.json>")
  let input: unknown
  try {
    input = JSON.parse(readFileSync(file, "utf8"))
  } catch {
    io.err(`${file}: not JSON`)
    return 1
  }
  const schedule = parseYearSchedule(input)
  if (schedule._tag === "Failure") {
    io.err(`${file}: ${schedule.failure.field}: ${schedule.failure.messageZh} (${schedule.failure.message})`)
    return 1
  }
  const database = await open(c)
  try {
    await database.db.transaction(async (tx) => {
      await saveCalendarYear(tx as never, schedule.success)
      await appendAudit(tx as never, {
        actorRole: "cli",
        action: "calendar.year.save",
        objectType: "calendar-year",
        objectId: String(schedule.success.year),
        result: "ok",
        details: { notice: schedule.success.notice },
      })
    })
    io.out(`loaded ${schedule.success.year} (${schedule.success.notice})`)
    return 0
  } finally {
    await database.close()
  }
}

/** verify-audit is @xianfeng/db's own command; the arguments pass through unchanged. */
const verifyAudit = (argv: readonly string[]): Promise<number> => {
  const require = createRequire(import.meta.url)
  const dbRoot = dirname(require.resolve("@xianfeng/db/package.json"))
  const script = join(dbRoot, "bin", "xianfeng-verify-audit.mjs")
  if (!existsSync(script)) throw new Error(`verify-audit is missing (${script})`)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...argv], { stdio: "inherit" })
    child.on("exit", (code) => resolve(code ?? 2))
  })
}

/** Runs one command; answers the exit code (0 ok, 1 refused or failed check, 2 usage). */
export const run = async (argv: readonly string[], env: CliEnv, io: Io): Promise<number> => {
  const [command, ...args] = argv
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(usage)
    return command === undefined ? 2 : 0
  }
  if (command === "verify-audit") return verifyAudit(args)
  try {
    const c = parse(args, env)
    if (command === "migrate") return await migrate(c, io)
    if (command === "import") return await importFile(c, env, io)
    if (command === "export") return await exportTo(c, env, io)
    if (command === "restore") return await restoreFrom(c, env, io)
    if (command === "calendar") return await loadCalendar(c, io)
    throw new UsageError(`unknown command "${command}"`)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message)
      io.err(usage)
      return 2
    }
    throw e
  }
}
