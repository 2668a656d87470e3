import { type GetColumnData, getTableName, type SQL, sql } from "drizzle-orm"
import type { AnyPgColumn } from "drizzle-orm/pg-core"

/**
 * Which column of a row returned by the one-statement member reads (`xf_member_read`, `xf_member_page`) holds the
 * whole row of which table.
 */
const wholeRowOf: Readonly<Record<string, string>> = { members: "mem", orgs: "org" }

/** A selection read from the whole rows of a function's result `r`: each field decoded as its column. */
export type FromWholeRows<C extends Record<string, AnyPgColumn>> = {
  [K in keyof C]: SQL<GetColumnData<C[K]>>
}

/**
 * The selection `columns` (columns of `members` and `orgs`, as a drizzle query selects them), read instead from a
 * row `r` of a one-statement member read, whose `mem` and `org` are whole rows of those tables: each field becomes
 * `(r.mem).<column>` or `(r.org).<column>`, decoded as the column is. So the functions return whole rows and the
 * columns a read shows are chosen here, by the same selection objects the ordinary queries use.
 * @throws Error when a column belongs to another table (a programming error, found by the first test).
 */
export const fromWholeRows = <C extends Record<string, AnyPgColumn>>(columns: C): FromWholeRows<C> =>
  Object.fromEntries(
    Object.entries(columns).map(([key, column]) => {
      const table = getTableName(column.table)
      const whole = wholeRowOf[table]
      if (whole === undefined) throw new Error(`no whole row of ${table} in a one-statement member read`)
      return [key, sql`(r.${sql.raw(whole)}).${sql.identifier(column.name)}`.mapWith(column)]
    }),
  ) as FromWholeRows<C>
