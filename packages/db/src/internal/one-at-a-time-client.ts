import pg from "pg"

/**
 * A node-postgres client that hands the server one statement at a time, in the order they were asked.
 *
 * Code that shares one transaction between tasks asked together (the agenda asks every area's source at once on the
 * request's transaction, `gatherAgenda`) calls `query` while an earlier statement is still running. node-postgres 8
 * queues such a call itself but warns that the queue goes in pg 9 ("Calling client.query() when the client is
 * already executing a query is deprecated"); this client keeps that queue on its side instead: each promise-style
 * `query` is submitted when the one before it has settled (answered or failed), so at most one statement is ever on
 * the connection and the statements run in the order of the calls, as before. A failed statement does not stop the
 * ones queued behind it (inside a transaction PostgreSQL then refuses them, as it always did).
 *
 * Callback-style calls and submittables (COPY streams, cursors) are passed through unqueued: they are only ever
 * used alone on their connection.
 */
export class OneAtATimeClient extends pg.Client {
  /** Settles when the last statement asked so far has settled. */
  #last: Promise<unknown> = Promise.resolve()

  /** The statements asked and not yet settled (the one running included). */
  #pending = 0

  static {
    const submit = pg.Client.prototype.query
    // `query`'s overloads (config or text, values, callback; a submittable) are pg's; only the promise-style
    // ones are queued.
    OneAtATimeClient.prototype.query = function (
      this: OneAtATimeClient,
      config: unknown,
      values?: unknown,
      callback?: unknown,
    ) {
      const queryArgs = [config, values, callback] as Parameters<typeof submit>
      if (
        typeof callback === "function" ||
        typeof values === "function" ||
        (typeof config === "object" &&
          config !== null &&
          (typeof (config as { submit?: unknown }).submit === "function" ||
            typeof (config as { callback?: unknown }).callback === "function"))
      )
        return submit.apply(this, queryArgs)
      const start = () => submit.apply(this, queryArgs) as unknown as Promise<unknown>
      // Idle: submitted at once, as pg would (a call it refuses outright throws here, before anything is counted).
      const run = this.#pending === 0 ? start() : this.#last.then(start)
      this.#pending++
      const settled = run.then(
        () => {
          this.#pending--
        },
        () => {
          this.#pending--
        },
      )
      this.#last = settled
      return run
    } as typeof submit
  }
}
