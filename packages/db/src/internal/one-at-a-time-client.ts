import pg from "pg"

/**
 * A node-postgres client that hands the server one statement at a time, in the order they were asked, and sends
 * the next the moment the one before is answered.
 *
 * Code that shares one transaction between tasks asked together (the agenda asks every area's source at once on the
 * request's transaction, `gatherAgenda`) calls `query` while an earlier statement is still running. node-postgres 8
 * queues such a call itself but warns that the queue goes in pg 9 ("Calling client.query() when the client is
 * already executing a query is deprecated"); this client keeps that queue on its side instead: at most one statement
 * is ever on the connection and the statements run in the order of the calls. A failed statement does not stop the
 * ones queued behind it (inside a transaction PostgreSQL then refuses them, as it always did).
 *
 * Each statement is submitted with a callback, and that callback (which node-postgres calls when the server is ready
 * for the next statement) sends the next queued statement before the caller's promise settles. Chained on the
 * promises instead, the next statement waited for every continuation already due in that turn of the event loop:
 * another task's mapping of its rows, 10–15 ms at a province's agenda, during which the database sat idle.
 *
 * Callback-style calls and submittables (COPY streams, cursors) are passed through unqueued: they are only ever
 * used alone on their connection.
 */
export class OneAtATimeClient extends pg.Client {
  /** The statements asked while another was on the connection, each a function that submits it. */
  readonly #waiting: (() => void)[] = []

  /** Whether a statement of the queue is on the connection. */
  #busy = false

  /** Hands the connection to the next waiting statement, if any. */
  #next(): void {
    const run = this.#waiting.shift()
    if (run === undefined) this.#busy = false
    else run()
  }

  static {
    const submit = pg.Client.prototype.query
    /** `submit` with the callback overload, untyped: `config` and `values` are passed on as given. */
    const send = submit as (...args: unknown[]) => unknown
    // `query`'s overloads (config or text, values, callback; a submittable) are pg's; only the promise-style
    // ones are queued.
    OneAtATimeClient.prototype.query = function (
      this: OneAtATimeClient,
      config: unknown,
      values?: unknown,
      callback?: unknown,
    ) {
      if (
        typeof callback === "function" ||
        typeof values === "function" ||
        (typeof config === "object" &&
          config !== null &&
          (typeof (config as { submit?: unknown }).submit === "function" ||
            typeof (config as { callback?: unknown }).callback === "function"))
      )
        return submit.apply(this, [config, values, callback] as Parameters<typeof submit>)
      return new Promise((resolve, reject) => {
        const run = () => {
          const done = (err: Error | null, result: unknown) => {
            // The next statement first, so the server works on it while this one's caller handles the answer.
            this.#next()
            if (err) reject(err)
            else resolve(result)
          }
          try {
            send.call(this, config, values, done)
          } catch (e) {
            // Refused outright (no config): nothing was sent.
            done(e as Error, undefined)
          }
        }
        if (this.#busy) this.#waiting.push(run)
        else {
          this.#busy = true
          run()
        }
      })
    } as typeof submit
  }
}
