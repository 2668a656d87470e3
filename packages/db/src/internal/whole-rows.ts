import { type GetColumnData, getTableName, type SQL, sql } from "drizzle-orm"
import type { AnyPgColumn } from "drizzle-orm/pg-core"

/**
 * Which column of a row returned by the one-statement member reads (`xf_member_read`, `xf_member_page`) holds the
 * whole row of which table.
 */
const wholeRowOf: Readonly<Record<string, string>> = { members: "mem", orgs: "org" }

/** `(r.mem).<column>` or `(r.org).<column>`; @throws Error for a column of another table. */
const inWholeRow = (column: AnyPgColumn): SQL => {
  const table = getTableName(column.table)
  const whole = wholeRowOf[table]
  if (whole === undefined) throw new Error(`no whole row of ${table} in a one-statement member read`)
  return sql`(r.${sql.raw(whole)}).${sql.identifier(column.name)}`
}

/** The column types `wholeRowsAsJson` decodes from JSON as their driver would hand them over. */
const jsonSafe = new Set([
  "PgText",
  "PgUUID",
  "PgInteger",
  "PgSmallInt",
  "PgBoolean",
  "PgCustomColumn",
  "PgTimestamp",
  "PgTimestampString",
])
/**
 * Column types put into the JSON as their text (`::text`): a timestamp's JSON form (`2026-07-01T08:00:00+00:00`)
 * is not the text its driver hands over (`2026-07-01 08:00:00+00`), which the column then decodes.
 */
const asText = new Set(["PgTimestamp", "PgTimestampString"])
/** Column types whose JSON value is the value itself (no decoding). */
const asIs = new Set(["PgText", "PgUUID", "PgInteger", "PgSmallInt", "PgBoolean"])

/** A selection aggregated into one JSON text by `wholeRowsAsJson`, and how to read it back. */
export interface WholeRowsAsJson<C extends Record<string, AnyPgColumn>> {
  /**
   * `json_agg` of one JSON array per row of `r` that holds a member (`(r.mem).id` not null: a row's `IS NOT NULL`
   * would ask every field of it), in the order of `r.n` (the function's `WITH ORDINALITY`), as text: `[]` when
   * there is none.
   */
  readonly sql: SQL<string>
  /** The aggregate's text read back: one object per row, each field decoded as its column is. */
  readonly decode: (text: string) => { [K in keyof C]: GetColumnData<C[K]> }[]
}

/**
 * The selection `columns` (columns of `members` and `orgs`, as a drizzle query selects them; each read from the
 * whole rows `r.mem` and `r.org` of a one-statement member read) aggregated into one JSON text for the rows of a
 * one-statement member read — a page, or the one member: the driver then parses one row of one field instead of a
 * row per member and a field per column, and no query builder maps each field of each row (about a tenth of the
 * API's CPU for a 50-row page). Each value is
 * PostgreSQL's JSON form of the column: text and UUIDs as strings, integers and booleans as themselves, a `date`
 * as `YYYY-MM-DD` (the text both drivers hand over, decoded by the column as when read directly); a timestamp
 * as its text (`::text`, what the drivers hand over), decoded by the column.
 * @throws Error for a column of another table, or of a type whose JSON form differs from its driver text
 *   (a numeric, say): a programming error, found by the first test.
 */
export const wholeRowsAsJson = <C extends Record<string, AnyPgColumn>>(columns: C): WholeRowsAsJson<C> => {
  const entries = Object.entries(columns)
  const values = entries.map(([, column]) => {
    if (
      !jsonSafe.has(column.columnType) ||
      (column.columnType === "PgCustomColumn" && column.getSQLType() !== "date")
    )
      throw new Error(
        `column ${column.name} (${column.getSQLType()}) cannot be read from JSON as its driver reads it`,
      )
    return asText.has(column.columnType) ? sql`${inWholeRow(column)}::text` : inWholeRow(column)
  })
  const keys = entries.map(([key]) => key)
  const decoders = entries.map(([, column]) =>
    asIs.has(column.columnType) ? undefined : (v: unknown) => column.mapFromDriverValue(v),
  )
  return {
    sql: sql<string>`coalesce(json_agg(json_build_array(${sql.join(values, sql`, `)}) order by r.n)
      filter (where (r.mem).id is not null), '[]')::text`,
    decode: (text) =>
      (JSON.parse(text) as unknown[][]).map((values) => {
        const row: Record<string, unknown> = {}
        for (let i = 0; i < keys.length; i++) {
          const v = values[i] ?? null
          const decode = decoders[i]
          row[keys[i] as string] = v === null || decode === undefined ? v : decode(v)
        }
        return row as { [K in keyof C]: GetColumnData<C[K]> }
      }),
  }
}
