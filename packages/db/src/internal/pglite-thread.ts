/**
 * Embedded PGlite on a worker thread of its own, so that its statements (WASM, synchronous once started) never
 * run on the thread that serves HTTP. `PgliteThread` stands in for a `PGlite` instance towards drizzle's PGlite
 * driver: `query`, `exec`, `transaction`, `dumpDataDir`, `close`.
 *
 * PGlite is one PostgreSQL session, so a transaction's statements must not interleave with anyone else's. In
 * process, PGlite's own mutex keeps them apart; here the worker runs what it is sent in arrival order, and this
 * side only has to decide what it sends: a statement outside a transaction goes at once; while a transaction is
 * open (from its BEGIN being sent to its COMMIT or ROLLBACK being sent) only that transaction's statements go,
 * and everything else waits its turn in one queue, first come first served. The closing COMMIT need not be
 * answered before the next waiter goes: the worker runs it first.
 */
import { existsSync } from "node:fs"
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { Worker } from "node:worker_threads"
import type { QueryOptions, Results, Transaction } from "@electric-sql/pglite"
import type { Reply, Request, WorkerInit } from "./pglite-protocol.js"

/** Shapes `Request` without its id. */
type Body = Request extends infer R ? (R extends Request ? Omit<R, "id"> : never) : never

/** An error from the worker, with the driver's own fields (`code`, `constraint`, `detail`…) copied back. */
const rebuild = (e: Extract<Reply, { ok: false }>["error"]): Error => {
  const error = new Error(e.message)
  error.name = e.name
  Object.assign(error, e.fields)
  return error
}

/**
 * The worker's script: the compiled `pglite-worker.js` beside this file (dist/), or, from the TypeScript
 * sources (the package's own tests), `pglite-worker.ts` through tsx's loader, registered inside the worker.
 */
const startWorker = (init: WorkerInit): Worker => {
  const js = new URL("./pglite-worker.js", import.meta.url)
  if (existsSync(js)) return new Worker(js, { workerData: init })
  const ts = new URL("./pglite-worker.ts", import.meta.url)
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}) })`
  return new Worker(boot, { eval: true, workerData: init })
}

export class PgliteThread {
  readonly #worker: Worker
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  #nextId = 1
  /** A transaction's BEGIN has been sent and its end has not. */
  #inTransaction = false
  /** Who waits to send: a statement, or a transaction waiting to begin. */
  readonly #waiting: { readonly transaction: boolean; readonly go: () => void }[] = []
  #failed: Error | undefined
  #closed = false

  private constructor(worker: Worker) {
    this.#worker = worker
    worker.on("message", (reply: Reply) => {
      const waiter = this.#pending.get(reply.id)
      if (waiter === undefined) return
      this.#pending.delete(reply.id)
      if (this.#pending.size === 0) worker.unref()
      if (reply.ok) waiter.resolve(reply.value)
      else waiter.reject(rebuild(reply.error))
    })
    const fail = (e: Error) => {
      this.#failed ??= e
      for (const w of this.#pending.values()) w.reject(e)
      this.#pending.clear()
    }
    worker.on("error", fail)
    worker.on("exit", (code) => {
      if (!this.#closed) fail(new Error(`the PGlite worker thread stopped (exit code ${code})`))
    })
  }

  /**
   * Starts the worker and opens the cluster in it (`dataDir`: PGlite's folder; otherwise in memory), empty or
   * from `loadDataDir` (into a `dataDir` only while it holds no cluster). Rejects with PGlite's own error when
   * the cluster cannot be opened.
   */
  static async open(init: WorkerInit): Promise<PgliteThread> {
    const thread = new PgliteThread(startWorker(init))
    try {
      await thread.#await(0)
    } catch (e) {
      await thread.#worker.terminate()
      throw e
    }
    return thread
  }

  #await(id: number): Promise<unknown> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed)
    if (this.#pending.size === 0) this.#worker.ref()
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }))
  }

  /** Sends at once (the caller holds its turn). */
  #send(body: Body): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error("PGlite is closed"))
    const id = this.#nextId++
    const answer = this.#await(id)
    if (this.#failed === undefined) this.#worker.postMessage({ ...body, id })
    return answer
  }

  /**
   * Sends `body` as a statement outside any transaction: at once when no transaction is open and nobody waits,
   * else when its turn comes. The send itself happens in the same synchronous step as the decision, so nothing
   * can slip a BEGIN in between.
   */
  #outside(body: Body): Promise<unknown> {
    if (!this.#inTransaction && this.#waiting.length === 0) return this.#send(body)
    return new Promise((resolve, reject) =>
      this.#waiting.push({ transaction: false, go: () => this.#send(body).then(resolve, reject) }),
    )
  }

  /** Waits until this transaction may begin, and marks it begun. */
  #begin(): Promise<void> {
    if (!this.#inTransaction && this.#waiting.length === 0) {
      this.#inTransaction = true
      return Promise.resolve()
    }
    return new Promise((go) =>
      this.#waiting.push({
        transaction: true,
        go: () => {
          this.#inTransaction = true
          go()
        },
      }),
    )
  }

  /** The transaction's end has been sent: let the waiters go, up to and including the next transaction. */
  #end(): void {
    this.#inTransaction = false
    while (!this.#inTransaction) {
      const next = this.#waiting.shift()
      if (next === undefined) return
      next.go()
    }
  }

  /** A query, sent by `send` (at once inside the caller's transaction, or in turn outside any). */
  #query<T>(
    sql: string,
    params: readonly unknown[] = [],
    options: QueryOptions = {},
    send: (body: Body) => Promise<unknown> = (body) => this.#send(body),
    inTransaction = true,
  ): Promise<Results<T>> {
    if (options.serializers !== undefined || options.onNotice !== undefined)
      return Promise.reject(new Error("PGlite on its worker thread takes no serializers or onNotice"))
    const parsers = options.parsers ?? {}
    const rawTypes = Object.keys(parsers).map(Number)
    const sent = send({
      op: "query",
      inTransaction,
      sql,
      params,
      rowMode: options.rowMode,
      rawTypes,
      blob: options.blob,
      paramTypes: options.paramTypes,
    }) as Promise<Results<T>>
    if (rawTypes.length === 0) return sent
    return sent.then((result) => {
      // The caller's parsers, on the text the worker left unparsed (as PGlite calls them: not for NULL).
      result.fields.forEach((f, i) => {
        const parse = parsers[f.dataTypeID]
        if (parse === undefined) return
        for (const row of result.rows as unknown[]) {
          const r = row as Record<string | number, unknown>
          const key = options.rowMode === "array" ? i : f.name
          const v = r[key]
          if (typeof v === "string")
            r[key] = (parse as (value: string, typeId: number) => unknown)(v, f.dataTypeID)
        }
      })
      return result
    })
  }

  /** A statement of the open transaction (`inTransaction`: refused by the worker outside a transaction block). */
  #exec(sql: string, inTransaction = true): Promise<Results[]> {
    return this.#send({ op: "exec", sql, inTransaction }) as Promise<Results[]>
  }

  query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(sql, params, options, (body) => this.#outside(body), false)
  }

  exec(sql: string): Promise<Results[]> {
    return this.#outside({ op: "exec", sql, inTransaction: false }) as Promise<Results[]>
  }

  /** As PGlite's `transaction`: BEGIN, the callback, COMMIT; ROLLBACK when the callback throws. */
  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    await this.#begin()
    let closed = false
    const end = (sql: "COMMIT" | "ROLLBACK") => {
      closed = true
      // A ROLLBACK is harmless outside a transaction block; a COMMIT must be inside one.
      const sent = this.#exec(sql, sql === "COMMIT")
      this.#end()
      return sent
    }
    // Not awaited: the callback's first statement follows at once (one round trip less inside the transaction,
    // where everyone else waits); the worker runs it after the BEGIN, and refuses it if the BEGIN failed.
    const begun = this.#exec("BEGIN", false)
    begun.catch(() => undefined)
    const open = () => {
      if (closed) throw new Error("Transaction is closed")
    }
    const tx: Transaction = {
      query: async <R>(sql: string, params?: unknown[], options?: QueryOptions) => {
        open()
        return this.#query<R>(sql, params, options)
      },
      sql: async () => {
        throw new Error("tx.sql is not available on PGlite's worker thread; use tx.query")
      },
      exec: async (sql: string) => {
        open()
        return this.#exec(sql)
      },
      rollback: async () => {
        open()
        await end("ROLLBACK")
      },
      listen: async () => {
        throw new Error("listen is not available on PGlite's worker thread")
      },
      get closed() {
        return closed
      },
    }
    try {
      const result = await callback(tx)
      await begun
      if (!closed) {
        const [committed] = await end("COMMIT")
        // A COMMIT of a transaction a failed statement aborted answers ROLLBACK.
        if (committed?.command === "ROLLBACK") throw new Error("the transaction was aborted and rolled back")
      }
      return result
    } catch (e) {
      if (!closed) await end("ROLLBACK")
      throw e
    }
  }

  /** A tarball of the cluster as it is now (uncompressed), as PGlite's `dumpDataDir("none")`. */
  dumpDataDir(): Promise<Blob> {
    return this.#outside({ op: "dump" }) as Promise<Blob>
  }

  /** Closes PGlite (after what was already sent) and ends the worker. */
  async close(): Promise<void> {
    if (this.#closed) return
    try {
      if (this.#failed === undefined) await this.#outside({ op: "close" })
    } finally {
      this.#closed = true
      await this.#worker.terminate()
    }
  }
}
