import type { PlainDate } from "@xianfeng/core"
import { and, eq } from "drizzle-orm"
import ExcelJS from "exceljs"
import { appendAudit } from "../../audit.js"
import type { XfDb } from "../../database.js"
import type { IdVault } from "../../id-vault.js"
import { districtOf } from "../../platform/policies.js"
import type { Scope } from "../../platform/scope.js"
import { importMappings, orgs } from "../../schema/index.js"
import { autoMap, type ColumnMapping, type FieldSpec, mappingProblems } from "./mapping.js"
import type { Cell, Table } from "./table.js"

/** A problem of one row, in plain Chinese and in English, with the column it is in (as the sheet names it). */
export interface RowProblem {
  readonly column?: string
  readonly zh: string
  readonly en: string
}

/** What validation says about one row; `value` is set when the row can be written. */
export interface RowOutcome<V = unknown> {
  readonly sheetRow: number
  readonly errors: RowProblem[]
  readonly warnings: RowProblem[]
  readonly notes: RowProblem[]
  value?: V
}

/** One data row seen through the mapping. */
export interface MappedRow {
  readonly sheetRow: number
  /** The cell of a field, null when the field is not mapped or the cell is empty. */
  cell(field: string): Cell
  /** The header of the column a field is mapped to (for messages). */
  header(field: string): string
}

/** What the engine passes to an importer. */
export interface ImportDeps {
  readonly vault: IdVault
  /** Today (Asia/Shanghai) of the caller's clock. */
  readonly asOf: PlainDate
  readonly at: Date
  readonly actor?: { readonly id: string | null; readonly role: string | null }
  /** Called as work advances: phase, rows done, rows in all. */
  readonly onProgress?: (phase: "check" | "write", done: number, total: number) => void
}

/**
 * One kind of import (organizations, members, development histories, …). An area plugs in its own by adding
 * one to `importers` (registry.ts), as it adds its routes.
 */
export interface Importer<V = unknown, C = unknown> {
  readonly kind: string
  readonly zh: string
  readonly en: string
  readonly fields: readonly FieldSpec[]
  /** Loads what the rows are checked against (organizations in scope, …) in a few queries. */
  readonly context: (db: XfDb, scope: Scope, deps: ImportDeps) => Promise<C>
  /** Checks one row, adding its problems; returns the value to write, or undefined. */
  readonly checkRow: (row: MappedRow, ctx: C, outcome: RowOutcome<V>, deps: ImportDeps) => V | undefined
  /** Checks across rows: duplicates within the file and against the database. */
  readonly checkAll?: (
    db: XfDb,
    outcomes: readonly RowOutcome<V>[],
    ctx: C,
    deps: ImportDeps,
  ) => Promise<void>
  /** Writes every value (all rows passed). Returns how many records were written. */
  readonly write: (tx: XfDb, scope: Scope, values: readonly V[], ctx: C, deps: ImportDeps) => Promise<number>
}

/** The answer of a check: every row's outcome, and whether the file may be written. */
export interface ImportCheck<V = unknown> {
  readonly kind: string
  readonly headers: readonly string[]
  readonly mapping: ColumnMapping
  /** Problems of the mapping itself (a required field without a column): nothing is checked then. */
  readonly mappingProblems: readonly { zh: string; en: string }[]
  readonly total: number
  readonly withErrors: number
  readonly withWarnings: number
  readonly rows: readonly RowOutcome<V>[]
}

/** True when the check allows writing: a good mapping and no row with an error (warnings don't block). */
export const importable = (check: ImportCheck): boolean =>
  check.mappingProblems.length === 0 && check.withErrors === 0 && check.total > 0

const mappedRow = (
  table: Table,
  mapping: ColumnMapping,
  at: ReadonlyMap<string, number>,
  index: number,
): MappedRow => {
  const row = table.rows[index]
  return {
    sheetRow: row?.sheetRow ?? 0,
    cell: (field) => {
      const i = at.get(field)
      return i === undefined || i < 0 ? null : (row?.cells[i] ?? null)
    },
    header: (field) => mapping[field] ?? field,
  }
}

/** The district's remembered mapping for a kind, if any. */
export const rememberedMapping = async (db: XfDb, scope: Scope, kind: string): Promise<ColumnMapping> => {
  const [row] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.orgId, districtOf(scope.orgPath)), eq(importMappings.kind, kind)))
  return row?.mapping ?? {}
}

/** The one write path of `import_mappings`: remembers the mapping a district confirmed for a kind. */
export const rememberMapping = async (
  db: XfDb,
  scope: Scope,
  kind: string,
  mapping: ColumnMapping,
  updatedBy: string | null,
  at: Date,
): Promise<void> => {
  const values = { orgId: districtOf(scope.orgPath), kind, mapping: { ...mapping }, updatedBy, updatedAt: at }
  await db
    .insert(importMappings)
    .values(values)
    .onConflictDoUpdate({ target: [importMappings.orgId, importMappings.kind], set: values })
}

/** The mapping proposed for an upload: the district's remembered one, then the known column names. */
export const proposeMapping = async (
  db: XfDb,
  scope: Scope,
  importer: Importer,
  headers: readonly string[],
): Promise<Record<string, string>> =>
  autoMap(importer.fields, headers, await rememberedMapping(db, scope, importer.kind))

/**
 * Validates every row of an upload without writing anything: each row by the importer, then the whole file
 * (duplicates within it and against the database).
 */
export const checkImport = async <V, C>(
  db: XfDb,
  scope: Scope,
  importer: Importer<V, C>,
  table: Table,
  mapping: ColumnMapping,
  deps: ImportDeps,
): Promise<ImportCheck<V> & { readonly context?: C }> => {
  const problems = mappingProblems(importer.fields, table.headers, mapping)
  if (problems.length > 0)
    return {
      kind: importer.kind,
      headers: table.headers,
      mapping,
      mappingProblems: problems,
      total: table.rows.length,
      withErrors: 0,
      withWarnings: 0,
      rows: [],
    }
  const context = await importer.context(db, scope, deps)
  const outcomes: RowOutcome<V>[] = []
  const total = table.rows.length
  const at = new Map(Object.entries(mapping).map(([f, h]) => [f, table.headers.indexOf(h)]))
  for (let i = 0; i < total; i++) {
    const row = mappedRow(table, mapping, at, i)
    const outcome: RowOutcome<V> = { sheetRow: row.sheetRow, errors: [], warnings: [], notes: [] }
    try {
      const value = importer.checkRow(row, context, outcome, deps)
      if (value !== undefined && outcome.errors.length === 0) outcome.value = value
    } catch (e) {
      outcome.errors.push({ zh: `无法读取本行：${String(e)}`, en: `the row cannot be read: ${String(e)}` })
    }
    outcomes.push(outcome)
    if (i % 500 === 499) deps.onProgress?.("check", i + 1, total)
  }
  await importer.checkAll?.(db, outcomes, context, deps)
  for (const o of outcomes) if (o.errors.length > 0) delete o.value
  deps.onProgress?.("check", total, total)
  return {
    kind: importer.kind,
    headers: table.headers,
    mapping,
    mappingProblems: [],
    total,
    withErrors: outcomes.filter((o) => o.errors.length > 0).length,
    withWarnings: outcomes.filter((o) => o.warnings.length > 0).length,
    rows: outcomes,
    context,
  }
}

/** What a confirmed import did. */
export interface ImportResult<V = unknown> {
  readonly check: ImportCheck<V>
  /** Records written; 0 when the check refused the file (nothing is written then). */
  readonly written: number
}

/**
 * Imports a file all or nothing: validates every row again inside the transaction and, only if no row
 * has an error, writes them all, remembers the mapping for the district and writes one audit row. Run it
 * in a transaction (the API's request transaction or `db.transaction`).
 */
export const runImport = async <V, C>(
  tx: XfDb,
  scope: Scope,
  importer: Importer<V, C>,
  table: Table,
  mapping: ColumnMapping,
  deps: ImportDeps,
  source: { readonly fileName: string },
): Promise<ImportResult<V>> => {
  const { context, ...check } = await checkImport(tx, scope, importer, table, mapping, deps)
  if (!importable(check) || context === undefined) return { check, written: 0 }
  const values = check.rows.map((r) => r.value).filter((v): v is V => v !== undefined)
  const written = await importer.write(tx, scope, values, context, deps)
  // Every import ends its progress at done, whatever its importer reported on the way.
  deps.onProgress?.("write", values.length, values.length)
  // A district's first organizations come in before there is a district to remember the mapping for.
  if (scope.orgId !== "")
    await rememberMapping(tx, scope, importer.kind, mapping, deps.actor?.id ?? null, deps.at)
  await appendAudit(tx, {
    at: deps.at,
    actorId: deps.actor?.id ?? null,
    actorRole: deps.actor?.role ?? null,
    action: `import.${importer.kind}`,
    objectType: "org",
    objectId: scope.orgId === "" ? null : scope.orgId,
    result: "ok",
    details: { fileName: source.fileName, rows: check.total, written },
  })
  return { check, written }
}

/** The sentence of the report for one row: every problem, with the column it is in. */
export const describeProblems = (outcome: RowOutcome, locale: "zh-CN" | "en" = "zh-CN"): string => {
  const line = (kind: string, p: RowProblem) =>
    locale === "zh-CN"
      ? `${kind}${p.column === undefined ? "" : `「${p.column}」列：`}${p.zh}`
      : `${kind}${p.column === undefined ? "" : `column "${p.column}": `}${p.en}`
  const zh = locale === "zh-CN"
  return [
    ...outcome.errors.map((p) => line(zh ? "错误：" : "error: ", p)),
    ...outcome.warnings.map((p) => line(zh ? "提醒：" : "warning: ", p)),
    ...outcome.notes.map((p) => line(zh ? "说明：" : "note: ", p)),
  ].join(zh ? "；" : "; ")
}

const cellValue = (c: Cell): ExcelJS.CellValue => {
  if (c === null) return null
  if (typeof c === "string" || typeof c === "number") return c
  return new Date(Date.UTC(c.year, c.month - 1, c.day))
}

/**
 * The row-level error report (.xlsx): the rows that have a problem, as they were uploaded (same columns,
 * dates as date cells), with two columns added: the row number in the uploaded sheet and, in plain Chinese,
 * what is wrong and in which column. The cells of a column with an error are filled red.
 */
export const importErrorReport = async (table: Table, check: ImportCheck): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet("错误报告")
  ws.addRow(["原表行号", ...table.headers, "问题说明"])
  ws.getRow(1).font = { bold: true }
  const bySheetRow = new Map(table.rows.map((r) => [r.sheetRow, r]))
  for (const outcome of check.rows) {
    if (outcome.errors.length + outcome.warnings.length + outcome.notes.length === 0) continue
    const row = bySheetRow.get(outcome.sheetRow)
    if (row === undefined) continue
    const added = ws.addRow([
      outcome.sheetRow,
      ...row.cells.map(cellValue),
      `第${outcome.sheetRow}行：${describeProblems(outcome)}`,
    ])
    row.cells.forEach((c, i) => {
      if (c instanceof Object && !(typeof c === "string")) added.getCell(i + 2).numFmt = "yyyy-mm-dd"
    })
    for (const p of outcome.errors) {
      const i = p.column === undefined ? -1 : table.headers.indexOf(p.column)
      if (i >= 0)
        added.getCell(i + 2).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } }
    }
  }
  ws.getColumn(table.headers.length + 2).width = 80
  const buf = await wb.xlsx.writeBuffer()
  return new Uint8Array(buf as ArrayBuffer)
}

/**
 * The scope of one organization (its id and path), for system work such as the command line; undefined if
 * none. `EMPTY_DATABASE_SCOPE` is the scope of a first import into a database without organizations.
 */
export const scopeOfOrg = async (db: XfDb, orgId: string): Promise<Scope | undefined> => {
  const [org] = await db.select({ orgId: orgs.id, orgPath: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
  return org
}

/** The scope of the first import of a district's organizations into an empty database (it sees nothing). */
export const EMPTY_DATABASE_SCOPE: Scope = { orgId: "", orgPath: "" }
