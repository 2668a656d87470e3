import { createHash } from "node:crypto"
import type { SQL } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"

/**
 * `build(db)` made once per database handle and kept: a drizzle prepared query (`.prepare(name)`) is a fixed
 * statement whose `execute` only fills in its placeholders, so building its SQL anew on every request (the query
 * builder walks the selection and renders the text each time) is work without a purpose. Keyed by the handle, so
 * a statement built on one pool or transaction is never run on another; a handle that is dropped takes its
 * statement with it.
 */
export const onePerHandle = <D extends object, P>(build: (db: D) => P): ((db: D) => P) => {
  const made = new WeakMap<D, P>()
  return (db) => {
    let p = made.get(db)
    if (p === undefined) {
      p = build(db)
      made.set(db, p)
    }
    return p
  }
}

/** A short, stable tag of a statement's text: two texts under one name would be refused by node-postgres. */
const textTag = (text: string): string => createHash("sha1").update(text).digest("hex").slice(0, 12)

/**
 * Runs a built drizzle query as a named statement, `<base>_<hash of its text>`: node-postgres parses it once per
 * pooled connection, and PostgreSQL's plan cache may then keep one generic plan for it instead of planning it on
 * every run (after five custom plans, and only when the generic plan's estimated cost is no worse than theirs).
 * For statements whose planning costs more than their execution: those joining several row-level-secured tables,
 * whose policies the planner inlines as further joins. The hash keeps two shapes of one statement (a scope's, the
 * whole tree's) apart. PGlite runs every statement unnamed.
 */
export const executeNamed = <R>(
  base: string,
  q: { toSQL(): { sql: string }; prepare(name: string): { execute(): Promise<R> } },
): Promise<R> => q.prepare(`${base}_${textTag(q.toSQL().sql)}`).execute()

/** `db.execute(query)` as a named statement (`executeNamed`). */
export const executeSqlNamed = async <T>(db: XfDb, base: string, query: SQL): Promise<T[]> => {
  const inner = db as unknown as {
    dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } }
    session: {
      prepareQuery(
        q: { sql: string; params: unknown[] },
        fields: undefined,
        name: string,
        arrayMode: boolean,
      ): { execute(): Promise<unknown> }
    }
  }
  const built = inner.dialect.sqlToQuery(query)
  return rowsOf<T>(
    await inner.session.prepareQuery(built, undefined, `${base}_${textTag(built.sql)}`, false).execute(),
  )
}
