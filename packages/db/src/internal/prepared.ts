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
