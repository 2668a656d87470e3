import { createRequire } from "node:module"
import type { Writable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { type Column, getTableColumns, getTableName, is, Param, SQL, type Table } from "drizzle-orm"
import { from as copyFrom } from "pg-copy-streams"
import type { XfDb } from "./database.js"

// node-postgres's own conversion of a parameter to its text form (Dates, arrays, objects as JSON): the COPY rows
// carry exactly the text an INSERT's parameters would have carried.
const { prepareValue } = createRequire(import.meta.url)("pg/lib/utils.js") as {
  prepareValue: (v: unknown) => unknown
}

/** Transactions whose bulk writes stream by COPY (see `streamBulkWritesByCopy`). */
const copying = new WeakSet<object>()

/**
 * From now on, the bulk writes (`bulkInsert`, and the bulk write paths built on it: roll calls, class
 * attendance, online study, dues …) made in this transaction stream their rows with `COPY … FROM STDIN` instead
 * of multi-row INSERTs: the same rows (each value mapped by its drizzle column, omitted columns taking their
 * defaults, row and statement triggers firing), several times cheaper for a load of millions of rows. PostgreSQL
 * (node-postgres) only, and only for a login that row-level security does not bind (the owner: COPY FROM refuses
 * tables under RLS); on PGlite the writes stay INSERTs. Call it on a transaction handle (`db.transaction`).
 */
export const streamBulkWritesByCopy = (tx: XfDb): void => {
  copying.add(tx)
}

/** True when `tx` streams its bulk writes by COPY. */
export const streamsByCopy = (tx: XfDb): boolean => copying.has(tx)

const MAX_PARAMS = 60_000

/**
 * How many rows of `table` one multi-row INSERT may carry: at most 60,000 bound parameters a statement (PostgreSQL
 * takes 65,535), whatever the table's width. At least 1.
 */
export const rowsPerInsert = (table: Table): number =>
  Math.max(1, Math.floor(MAX_PARAMS / Object.keys(getTableColumns(table)).length))

/**
 * Writes rows already checked (a load, an import) into `table`: by COPY when the transaction streams by COPY
 * (`streamBulkWritesByCopy`), else as multi-row INSERTs of at most 60,000 parameters each. Rows are drizzle insert
 * objects (property names, not column names); a value that is a `sql` expression makes the whole call use
 * INSERTs. Returns how many rows were written. No conflict handling: a duplicate key fails the transaction.
 */
export const bulkInsert = async <T extends Table>(
  tx: XfDb,
  table: T,
  rows: readonly T["$inferInsert"][],
): Promise<number> => {
  if (rows.length === 0) return 0
  if (copying.has(tx) && !rows.some(hasSqlValue)) {
    await copyRows(tx, table, rows as readonly Record<string, unknown>[])
    return rows.length
  }
  const chunk = rowsPerInsert(table)
  for (let i = 0; i < rows.length; i += chunk)
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's insert types do not follow a generic table
    await tx.insert(table as any).values(rows.slice(i, i + chunk) as any[])
  return rows.length
}

const hasSqlValue = (row: object): boolean =>
  Object.values(row).some((v) => v !== null && typeof v === "object" && (is(v, SQL) || is(v, Param)))

/** COPY text format: backslash, newline, carriage return and tab escaped; NULL is `\N`. */
const copyText = (v: unknown): string => {
  if (v === null || v === undefined) return "\\N"
  const p = prepareValue(v)
  if (p === null || p === undefined) return "\\N"
  const s = Buffer.isBuffer(p) ? `\\x${p.toString("hex")}` : String(p)
  return s.replace(/[\\\n\r\t]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t",
  )
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

interface NodePgTx {
  readonly session?: { readonly client?: { query: (q: unknown) => unknown } }
}

/**
 * Streams rows by COPY, doing what drizzle's INSERT does with each: a column omitted from a row takes its
 * `$defaultFn` (called per row) or else the server's default. Rows in a run that omit the same columns (without a
 * `$defaultFn`) go in one COPY naming the others; the runs follow the rows' order.
 */
const copyRows = async (tx: XfDb, table: Table, rows: readonly Record<string, unknown>[]): Promise<void> => {
  const client = (tx as unknown as NodePgTx).session?.client
  if (client === undefined) throw new Error("bulkInsert by COPY needs a node-postgres transaction")
  // Drizzle leaves out generated columns (`shouldDisableInsert`, internal in its types) as its INSERT does.
  const columns = Object.entries(getTableColumns(table) as Record<string, Column>).filter(
    ([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
  )
  const filled = (row: Record<string, unknown>, key: string, c: Column) =>
    row[key] !== undefined || c.defaultFn !== undefined || (!c.default && c.onUpdateFn !== undefined)
  const signature = (row: Record<string, unknown>) =>
    columns.map(([key, c]) => (filled(row, key, c) ? "1" : "0")).join("")
  let start = 0
  while (start < rows.length) {
    const first = rows[start] as Record<string, unknown>
    const sig = signature(first)
    let end = start + 1
    while (end < rows.length && signature(rows[end] as Record<string, unknown>) === sig) end++
    const cols = columns.filter(([key, c]) => filled(first, key, c))
    const target = `${quoteIdent(getTableName(table))} (${cols.map(([, c]) => quoteIdent(c.name)).join(", ")})`
    const stream = (client.query as (q: unknown) => Writable).call(
      client,
      copyFrom(`copy ${target} from stdin`),
    )
    await pipeline(linesOf(rows, start, end, cols), stream)
    start = end
  }
}

/** The COPY text of rows[start, end) over `cols`, some 1,000 rows per chunk so memory stays flat. */
async function* linesOf(
  rows: readonly Record<string, unknown>[],
  start: number,
  end: number,
  cols: readonly (readonly [string, Column])[],
): AsyncGenerator<string> {
  let out = ""
  for (let i = start; i < end; i++) {
    const row = rows[i] as Record<string, unknown>
    let line = ""
    for (let k = 0; k < cols.length; k++) {
      const [key, c] = cols[k] as readonly [string, Column]
      let v = row[key]
      if (v === undefined) {
        const made = c.defaultFn !== undefined ? c.defaultFn() : c.onUpdateFn?.()
        if (is(made, SQL)) throw new Error(`bulkInsert by COPY: ${c.name} defaults to a SQL expression`)
        v = made
      }
      line +=
        (k === 0 ? "" : "\t") + (v === null || v === undefined ? "\\N" : copyText(c.mapToDriverValue(v)))
    }
    out += `${line}\n`
    if ((i - start) % 1_000 === 999) {
      yield out
      out = ""
    }
  }
  if (out !== "") yield out
}
