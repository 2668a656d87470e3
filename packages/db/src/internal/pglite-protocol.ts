/** The messages between the main thread (`pglite-thread.ts`) and PGlite's worker (`pglite-worker.ts`). */

/** `workerData`: which cluster the worker opens. */
export interface WorkerInit {
  /** PGlite's folder (`<dataDir>/pgdata`); absent: in memory. */
  readonly dataDir?: string
  /** Start from this dump of a data folder: in memory, or in `dataDir` when it holds no cluster yet. */
  readonly loadDataDir?: Blob
}

/**
 * `inTransaction`: the statement belongs to a transaction whose BEGIN was sent before it (without waiting for
 * its answer); the worker refuses it unless the session is inside a transaction block, so that it can never
 * run on its own should that BEGIN have failed.
 */
export type Request =
  | {
      readonly id: number
      readonly op: "query"
      readonly inTransaction: boolean
      readonly sql: string
      readonly params: readonly unknown[]
      readonly rowMode: "array" | "object" | undefined
      /** Type OIDs whose text the worker returns unparsed: the caller's parsers run on the main thread. */
      readonly rawTypes: readonly number[]
      readonly blob: Blob | undefined
      readonly paramTypes: number[] | undefined
    }
  | { readonly id: number; readonly op: "exec"; readonly sql: string; readonly inTransaction: boolean }
  | { readonly id: number; readonly op: "dump" }
  | { readonly id: number; readonly op: "close" }

/** Id 0 answers the open. */
export type Reply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | {
      readonly id: number
      readonly ok: false
      readonly error: {
        readonly message: string
        readonly name: string
        readonly fields: Record<string, unknown>
      }
    }
