import { gunzipSync, gzipSync } from "node:zlib"
import { sql } from "drizzle-orm"
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core"
import { rebuildAuditLaneHeads } from "../audit.js"
import type { XfDb } from "../database.js"
import type { IdVault } from "../id-vault.js"
import { tables } from "../schema/index.js"

/**
 * Export and restore of a district's whole database as one archive: gzip of a JSON document
 * `{ format: "xianfeng-archive", version: 1, exportedAt, schema, keyCheck, tables: { name: rows } }`.
 * Rows are as PostgreSQL writes them as JSON (dates `YYYY-MM-DD`, instants in UTC), ordered by primary key,
 * so two exports of the same data differ only in `exportedAt`. ID numbers stay as stored: encrypted, with
 * their blind index and mask; restoring needs the same ID key (checked by `keyCheck`).
 *
 * The archive holds the district's data only: not the running system's tables, nor the derived ones
 * (`DERIVED_TABLES`: stamps and stored answers, which the restore's triggers and the first reads compute again).
 * Archives written before the derived tables were left out (the same format, version 1) still hold them: the
 * restore ignores those tables, so such an archive restores as one without them. A table the restore does not
 * know at all (neither archived nor left out) refuses the archive, as a sign it was not made by this schema.
 */

export const ARCHIVE_FORMAT = "xianfeng-archive"
export const ARCHIVE_VERSION = 1

/**
 * Tables of the running system, not of the district: sessions and counters, and per-database state
 * (`audit_lane_heads` is derived from the audit log: rebuilt after a restore; `auth_epoch` is the running
 * system's caller-cache counter, seeded by its migration in every database).
 */
const SYSTEM_TABLES = [
  "sessions",
  "rate_limits",
  "mfa_challenges",
  "data_migrations",
  "audit_lane_heads",
  "auth_epoch",
]

/**
 * Derived tables: nothing in them is district data, everything is a function of the archived tables, and restoring
 * them would be wrong, not merely redundant. Two kinds:
 *
 * - **Stamps**, bumped by statement triggers whoever writes: the restore's own inserts fire the same triggers, so
 *   they are written again as the data goes in (restoring the archive's rows too collides: duplicate key). Their
 *   values are counters of statements, not of data, so a restored database's stamps differ from the source's
 *   anyway; only "moved since" is meaningful, within one database.
 *   - `care_dues_stamps`, `care_dues_org_stamps` (custom migrations `care_dues_stamps_triggers`,
 *     `care_dues_collections_triggers`): bumped by the dues, a member's move, stage or status.
 *   - `discipline_basis_stamps` (`discipline_basis_stamps_triggers`): bumped by the sittings and talks of a year.
 *   - `education_study_stamps` (`education_study_stamps_triggers`): bumped by attendance, online study, roll calls.
 * - **Stored answers**, each kept with the stamp, member version or basis it was computed for. Restored beside the
 *   stamps the restore regenerated, a row could match a stamp by chance while describing other data (an answer
 *   stored at stamp 2 for data since moved to stamp 5, beside a regenerated stamp 2) and be served as fresh.
 *   Left out, every one is missing, and each read treats a missing row as stale and computes it (checked by
 *   test/archive.test.ts):
 *   - `care_dues_standings`: `arrearsSummaryInScope` recomputes a member with no row (as stamp mismatch).
 *   - `care_dues_collections`: `duesCollectionOf` recomputes an (organization, month) with no row.
 *   - `care_dues_subtree_collections`: a snapshot names transactions of one database only; `duesCollectionOf` sums
 *     a (subtree, month) with no row from the organizations' rows.
 *   - `member_org_counts` (`member_org_counts_by_status`): members per organization, stage and status, counted by the
 *     triggers as the restore inserts the members (after the organizations), as by every other write.
 *   - `care_dues_arrears` (per organization, for the organization's dues stamp and the month): the arrears
 *     read recomputes an organization with no row from its members' standings.
 *   - `education_study_index`: `studyHoursOf` recomputes a member-year with no row.
 *   - `discipline_compliance_index`: `complianceBasesOf` / `complianceHeatmapOf` mark an organization with no
 *     row stale; the caller evaluates and stores it. (Its `quarters` is a generated column, which the restore's
 *     `insert … select *` could not write either.)
 *   - `discipline_calendar_index`, `discipline_calendar_items`: the triggers give every organization a marked row
 *     as the restore inserts it (custom migration `discipline_calendar_org_marks`), which `staleCalendarBasesOf`
 *     returns; the agenda evaluates it before reading the items.
 *   - `development_pipeline_index`, `development_pipeline_items`: the triggers give every person of the pipeline a
 *     marked row as the restore inserts the members (custom migration `development_pipeline_marks_triggers`), so
 *     `stalePipelinePeople` returns them; the pipeline and agenda reads refresh them first.
 */
export const DERIVED_TABLES = [
  "care_dues_stamps",
  "care_dues_org_stamps",
  "discipline_basis_stamps",
  "education_study_stamps",
  "care_dues_standings",
  "care_dues_collections",
  "care_dues_subtree_collections",
  "care_dues_arrears",
  "member_org_counts",
  "education_study_index",
  "discipline_compliance_index",
  "discipline_calendar_index",
  "discipline_calendar_items",
  "development_pipeline_index",
  "development_pipeline_items",
] as const

const NOT_ARCHIVED = new Set<string>([...SYSTEM_TABLES, ...DERIVED_TABLES])

export interface Archive {
  readonly format: typeof ARCHIVE_FORMAT
  readonly version: number
  readonly exportedAt: string
  /** The newest migration applied to the exporting database (drizzle's `created_at`). */
  readonly schema: string
  /** A keyed hash showing which ID key encrypted the numbers (not the key). */
  readonly keyCheck: string
  readonly tables: Readonly<Record<string, readonly unknown[]>>
}

/** Why an archive cannot be restored. */
export class ArchiveRefused extends Error {
  override readonly name = "ArchiveRefused"
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows

const keyCheckOf = (vault: IdVault) => vault.blindIndex("xianfeng-archive-key-check")

interface TableInfo {
  readonly name: string
  readonly primaryKey: readonly string[]
  readonly references: readonly string[]
}

const infoOf = (table: PgTable): TableInfo => {
  const c = getTableConfig(table)
  const pkColumns =
    c.primaryKeys[0]?.columns.map((col) => col.name) ??
    c.columns.filter((col) => col.primary).map((col) => col.name)
  const references = c.foreignKeys
    .map((fk) => getTableConfig(fk.reference().foreignTable).name)
    .filter((n) => n !== c.name)
  return { name: c.name, primaryKey: pkColumns, references }
}

/** Every archived table, each after the tables it references. */
export const archivedTables = (): TableInfo[] => {
  const all = Object.values(tables).map((t) => infoOf(t as PgTable))
  const byName = new Map(all.map((t) => [t.name, t]))
  const out: TableInfo[] = []
  const seen = new Set<string>()
  const visit = (t: TableInfo) => {
    if (seen.has(t.name)) return
    seen.add(t.name)
    for (const r of t.references) {
      const ref = byName.get(r)
      if (ref !== undefined) visit(ref)
    }
    out.push(t)
  }
  for (const t of [...all].sort((a, b) => a.name.localeCompare(b.name))) visit(t)
  return out.filter((t) => !NOT_ARCHIVED.has(t.name))
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Parents before children in a table that references itself (the organization tree). */
const orderOf = (t: TableInfo) =>
  t.name === "orgs" ? `length("path"), "path"` : t.primaryKey.map(quoted).join(", ") || "1"

const schemaOf = async (db: XfDb): Promise<string> => {
  const [row] = rowsOf<{ at: string | null }>(
    await db.execute(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`),
  )
  return row?.at ?? "none"
}

/** Progress of a long export or restore: the table, and tables done of all. */
export type ArchiveProgress = (table: string, done: number, total: number) => void

/**
 * Exports every table of district data into one archive (gzip). Run it as the database owner (the command
 * line does); it reads in one transaction, so the archive is one consistent moment.
 */
export const exportArchive = async (
  db: XfDb,
  vault: IdVault,
  options: { readonly at?: Date; readonly onProgress?: ArchiveProgress } = {},
): Promise<Uint8Array> => {
  const list = archivedTables()
  const out: Record<string, unknown[]> = {}
  const schema = await schemaOf(db)
  await db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`)
    await tx.execute(sql`set local timezone = 'UTC'`)
    for (const [i, t] of list.entries()) {
      const [row] = rowsOf<{ rows: unknown[] }>(
        await tx.execute(
          sql.raw(
            `select coalesce(json_agg(t order by ${orderOf(t)}), '[]'::json) as rows from ${quoted(t.name)} t`,
          ),
        ),
      )
      out[t.name] = row?.rows ?? []
      options.onProgress?.(t.name, i + 1, list.length)
    }
  })
  const archive: Archive = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: (options.at ?? new Date()).toISOString(),
    schema,
    keyCheck: keyCheckOf(vault),
    tables: out,
  }
  return new Uint8Array(gzipSync(JSON.stringify(archive)))
}

/** Reads an archive and checks its format (not yet the database it goes into). */
export const readArchive = (bytes: Uint8Array): Archive => {
  let parsed: unknown
  try {
    parsed = JSON.parse(gunzipSync(bytes).toString("utf8"))
  } catch {
    throw new ArchiveRefused("not a Xianfeng archive (cannot be unpacked)")
  }
  const a = parsed as Partial<Archive>
  if (a.format !== ARCHIVE_FORMAT) throw new ArchiveRefused("not a Xianfeng archive")
  if (a.version !== ARCHIVE_VERSION)
    throw new ArchiveRefused(
      `archive format version ${String(a.version)}; this version reads ${ARCHIVE_VERSION}`,
    )
  if (typeof a.tables !== "object" || a.tables === null)
    throw new ArchiveRefused("the archive holds no tables")
  return a as Archive
}

/** The month partitions the archived audit rows need (`xf_audit_partition`), before they are inserted. */
const ensureAuditPartitions = async (tx: XfDb, data: readonly unknown[]) => {
  const months = new Set<string>()
  for (const row of data) {
    const at = new Date(String((row as { at?: unknown }).at))
    if (!Number.isNaN(at.getTime()))
      months.add(new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)).toISOString())
  }
  for (const m of months) await tx.execute(sql`select xf_audit_partition(${m}::timestamptz)`)
}

/**
 * Restores an archive into an empty database of the same schema version, all or nothing, with the same ID
 * key. Refuses (ArchiveRefused) a database that already holds organizations, another schema version, or
 * another ID key, or an archive holding a table this schema does not have. The derived tables an older archive
 * holds (`DERIVED_TABLES`) are ignored: the restore's triggers write the stamps again, and the stored answers
 * are computed again by the first read that needs them. Sequences continue after the restored rows.
 */
export const restoreArchive = async (
  db: XfDb,
  vault: IdVault,
  bytes: Uint8Array,
  options: { readonly onProgress?: ArchiveProgress } = {},
): Promise<{ readonly rows: number }> => {
  const archive = readArchive(bytes)
  if (archive.keyCheck !== keyCheckOf(vault))
    throw new ArchiveRefused(
      "the archive's ID numbers were encrypted with another key: restore with the district's ID key (XF_ID_KEY)",
    )
  const schema = await schemaOf(db)
  if (archive.schema !== schema)
    throw new ArchiveRefused(
      `the archive was made at schema ${archive.schema}, this database is at ${schema}: use the same version of Xianfeng`,
    )
  const list = archivedTables()
  const known = new Set(list.map((t) => t.name))
  const unknown = Object.keys(archive.tables).filter((n) => !known.has(n) && !NOT_ARCHIVED.has(n))
  if (unknown.length > 0)
    throw new ArchiveRefused(
      `the archive holds tables this schema does not have: ${unknown.sort().join(", ")}`,
    )
  let rows = 0
  await db.transaction(async (tx) => {
    const [orgCount] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from orgs`))
    if ((orgCount?.n ?? 0) > 0)
      throw new ArchiveRefused("the database is not empty: restore into a new database")
    await tx.execute(sql`set local timezone = 'UTC'`)
    for (const [i, t] of list.entries()) {
      const data = archive.tables[t.name] ?? []
      if (data.length > 0) {
        if (t.name === "audit_log") await ensureAuditPartitions(tx, data)
        await tx.execute(
          sql`${sql.raw(`insert into ${quoted(t.name)} select * from json_populate_recordset(null::${quoted(t.name)}, `)}${JSON.stringify(data)}::json)`,
        )
        rows += data.length
      }
      options.onProgress?.(t.name, i + 1, list.length)
    }
    const serials = rowsOf<{ t: string; c: string }>(
      await tx.execute(sql`select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`),
    )
    for (const s of serials)
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${quoted(s.t)}', '${s.c}'), coalesce((select max(${quoted(s.c)}) from ${quoted(s.t)}), 0) + 1, false)`,
        ),
      )
    await rebuildAuditLaneHeads(tx)
  })
  return { rows }
}
