/**
 * The worker thread that owns embedded PGlite (started by `pglite-thread.ts`, never imported). It opens the
 * cluster named in `workerData`, then runs the statements it is sent strictly one after another, in the order
 * they arrive: the main thread relies on that order to keep a transaction's statements together (see
 * `PgliteThread`). Results go back as structured clones; an error goes back as its message and its own fields
 * (`code`, `constraint`, `detail`…), which a structured clone of an Error would drop.
 */
import { parentPort, workerData } from "node:worker_threads"
import { PGlite, type QueryOptions } from "@electric-sql/pglite"
import type { Reply, Request, WorkerInit } from "./pglite-protocol.js"

const port = parentPort
if (port === null) throw new Error("pglite-worker runs as a worker thread")
const init = workerData as WorkerInit

const keep = (value: string) => value

/** PGlite's own options for a forwarded query: the parsers the caller asked for run on the main thread. */
const optionsOf = (r: Extract<Request, { op: "query" }>): QueryOptions => ({
  ...(r.rowMode === undefined ? {} : { rowMode: r.rowMode }),
  ...(r.blob === undefined ? {} : { blob: r.blob }),
  ...(r.paramTypes === undefined ? {} : { paramTypes: r.paramTypes }),
  ...(r.rawTypes.length === 0 ? {} : { parsers: Object.fromEntries(r.rawTypes.map((t) => [t, keep])) }),
})

const errorOf = (e: unknown): Extract<Reply, { ok: false }>["error"] => {
  if (!(e instanceof Error)) return { message: String(e), name: "Error", fields: {} }
  const fields: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e)) {
    // Primitive fields only (code, constraint, detail, position…); `query`/`params` are the caller's own.
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") fields[k] = v
  }
  return { message: e.message, name: e.name, fields }
}

const open = async (): Promise<PGlite> => {
  const load = init.loadDataDir === undefined ? {} : { loadDataDir: init.loadDataDir }
  if (init.dataDir !== undefined) return PGlite.create(init.dataDir, load)
  return PGlite.create(load)
}

const main = async () => {
  let db: PGlite
  try {
    db = await open()
  } catch (e) {
    port.postMessage({ id: 0, ok: false, error: errorOf(e) } satisfies Reply)
    return
  }
  port.postMessage({ id: 0, ok: true, value: null } satisfies Reply)

  const run = async (r: Request): Promise<unknown> => {
    if ((r.op === "query" || r.op === "exec") && r.inTransaction && !db.isInTransaction())
      throw new Error("a statement of a transaction arrived outside any transaction block (its BEGIN failed)")
    switch (r.op) {
      case "query": {
        const result = await db.query(r.sql, [...r.params], optionsOf(r))
        // `blob` (a COPY TO '/dev/blob') is cloned with the rest.
        return result
      }
      case "exec":
        return db.exec(r.sql)
      case "dump":
        return db.dumpDataDir("none")
      case "close":
        await db.close()
        return null
    }
  }
  // One at a time, in arrival order: PGlite is one session, and the order is what keeps a transaction whole.
  let chain: Promise<void> = Promise.resolve()
  port.on("message", (r: Request) => {
    chain = chain.then(async () => {
      let reply: Reply
      try {
        reply = { id: r.id, ok: true, value: await run(r) }
      } catch (e) {
        reply = { id: r.id, ok: false, error: errorOf(e) }
      }
      port.postMessage(reply)
      if (r.op === "close") port.close()
    })
  })
}

void main()
