import { type AnyColumn, type SQL, sql } from "drizzle-orm"

/**
 * `column = any(…)` over a list of UUIDs given as **one** text parameter, split and cast in SQL: any number of
 * ids, one bound parameter, one plan (an index read of `column` per id).
 *
 * Drizzle's `inArray` binds every id as a parameter of its own. PostgreSQL's protocol counts them in 16 bits, so
 * a statement of more than 65,535 fails (a committee's dues sheet at the province names 79,141 members), and
 * building and binding tens of thousands of parameters cost about 0.4 s a read in a CPU profile.
 *
 * `ids` must be UUIDs (ids read from the database or checked by the API's contract): a malformed one fails the
 * statement (`invalid input syntax for type uuid`). An empty list matches nothing.
 */
export const inUuids = (column: AnyColumn | SQL, ids: readonly string[]): SQL =>
  ids.length === 0 ? sql`false` : sql`${column} = any(string_to_array(${ids.join(",")}, ',')::uuid[])`
