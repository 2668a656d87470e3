import { createHash, randomInt } from "node:crypto"
import { mkdirSync, renameSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { asc, desc, eq, gt, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "./database.js"
import { onePerHandle } from "./internal/prepared.js"
import { type AuditRow, auditAnchors, auditLaneHeads, auditLog } from "./schema/index.js"

/** One audited event (等保 安全审计: time, subject, type, object, result). */
export interface AuditEntry {
  /** Defaults to now; stored in UTC with millisecond precision. */
  readonly at?: Date
  readonly actorId?: string | null
  readonly actorRole?: string | null
  /** `member.read`, `member.reveal-id`, `auth.login`, `authz.denied`, … */
  readonly action: string
  readonly objectType?: string | null
  readonly objectId?: string | null
  /** `ok`, `denied`, `failed`, … */
  readonly result: string
  /** Never the sensitive values themselves: which fields, the reason given, the client IP. */
  readonly details?: Record<string, unknown>
}

/** prev_hash of the first row. */
export const GENESIS_HASH = "0".repeat(64)

/**
 * The log is several hash chains ("lanes") side by side. Appending to one chain is serialized (read its
 * last hash, insert, commit) by locking the lane's row of `audit_lane_heads` (`FOR UPDATE`) until the caller's
 * transaction ends; with one chain, every audited request of every API process would wait on that one lock until
 * the previous request committed. Each row is put on a random lane; each lane is verified on its own, so an
 * edited, inserted or deleted row is still found, and the lane is part of the hash, so moving a row to another
 * lane is found too.
 */
export const AUDIT_LANES = 8

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`
}

type HashedFields = Pick<
  AuditRow,
  "lane" | "at" | "actorId" | "actorRole" | "action" | "objectType" | "objectId" | "result" | "details"
>

/** sha256(prev_hash ‖ canonical JSON of the row's fields), hex. */
export const auditHash = (prevHash: string, row: HashedFields): string =>
  createHash("sha256")
    .update(prevHash)
    .update(
      canonicalJson({
        ...(row.lane === 0 ? {} : { lane: row.lane }),
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorRole: row.actorRole,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        result: row.result,
        details: row.details,
      }),
    )
    .digest("hex")

/** The hashed fields of `entry` on `lane`; details round-trip through JSON so what is hashed is what jsonb gives back. */
const hashedFieldsOf = (lane: number, entry: AuditEntry): HashedFields => ({
  lane,
  at: new Date((entry.at ?? new Date()).getTime()),
  actorId: entry.actorId ?? null,
  actorRole: entry.actorRole ?? null,
  action: entry.action,
  objectType: entry.objectType ?? null,
  objectId: entry.objectId ?? null,
  result: entry.result,
  details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
})

/**
 * Appends one row to the audit log inside the caller's transaction, so the event and its record commit
 * or roll back together. Pass the transaction (`tx`), not the pool: the lane's lock lasts until it ends.
 *
 * Three statements: lock and read the lane's head (which also makes sure the partitions of the row's month and
 * the next exist: `xf_audit_partition`, migration `audit_log_partitioned_by_month`, two catalog look-ups when
 * they do), insert the row, move the head.
 */
export const appendAudit = async (tx: XfDb, entry: AuditEntry): Promise<AuditRow> => {
  const lane = randomInt(AUDIT_LANES)
  const fields = hashedFieldsOf(lane, entry)
  const at = fields.at
  const [head] = await tx
    .select({
      hash: auditLaneHeads.hash,
      partitioned: sql<boolean>`xf_audit_partition(${at.toISOString()}::timestamptz)`,
    })
    .from(auditLaneHeads)
    .where(eq(auditLaneHeads.lane, lane))
    .for("update")
  if (head === undefined) throw new Error(`audit_lane_heads has no row for lane ${lane}`)
  const prevHash = head.hash
  const hash = auditHash(prevHash, fields)
  const [row] = await tx
    .insert(auditLog)
    .values({ ...fields, prevHash, hash })
    .returning()
  if (row === undefined) throw new Error("insert into audit_log returned no row")
  await tx.update(auditLaneHeads).set({ seq: row.seq, hash }).where(eq(auditLaneHeads.lane, lane))
  return row
}

/**
 * Appends `entries`, in order, to one lane of the audit log in one transaction of its own (group commit): four
 * statements whatever their number — BEGIN; lock a lane's head that no other transaction holds (`FOR UPDATE SKIP
 * LOCKED`, so a batch never queues behind a write's transaction holding a lane; only when every lane is held does
 * it wait on one), make sure the partitions of the entries' months exist and draw their `seq` values; insert every
 * row and move the head in one statement; COMMIT. The rows are chained in memory from the head read under the
 * lock, and their `seq` values are drawn under that lock too, so `seq` order within the lane is chain order, as
 * `verifyAuditChain` walks it. The lane head row is the one point of order, held for one batch: appends through
 * `appendAudit` inside a writer's transaction and batches from any number of processes share it.
 *
 * Resolves once the rows are committed; rejects (and nothing is written) when the transaction fails.
 * @returns the lane, the `seq` of each row in the order of `entries`, and the lane's new head hash.
 */
export const appendAuditBatch = async (
  db: XfDb,
  entries: readonly AuditEntry[],
): Promise<{ lane: number; seqs: number[]; hash: string }> => {
  if (entries.length === 0) return { lane: -1, seqs: [], hash: "" }
  return db.transaction(async (tx) => {
    const rows = entries.map((e) => hashedFieldsOf(0, e))
    const months = [...new Set(rows.map((r) => monthOf(r.at)))]
    const ensure = sql`(select bool_and(xf_audit_partition(m::timestamptz)) from (values ${sql.join(
      months.map((m) => sql`(${m})`),
      sql`, `,
    )}) v(m))`
    const seqs = sql`(select array_agg(nextval('audit_log_seq_seq')) from generate_series(1, ${entries.length}::int))`
    const lock = (skipLocked: boolean) =>
      tx.execute(sql`
        select h.lane, h.hash, ${ensure} as partitioned, ${seqs}::text as seqs
          from (select lane, hash from audit_lane_heads
                 ${skipLocked ? sql`order by random() limit 1 for update skip locked` : sql`where lane = ${randomInt(AUDIT_LANES)} for update`}) h`)
    let [head] = rowsOf<{ lane: number; hash: string; seqs: string }>(await lock(true))
    if (head === undefined) [head] = rowsOf<{ lane: number; hash: string; seqs: string }>(await lock(false))
    if (head === undefined) throw new Error("audit_lane_heads has no row to lock")
    const lane = Number(head.lane)
    // Drawn in order under the lane's lock; sorted so the first entry gets the smallest.
    const drawn = head.seqs
      .replace(/[{}]/g, "")
      .split(",")
      .map(Number)
      .sort((a, b) => a - b)
    let prevHash = head.hash
    const values = rows.map((fields, i) => {
      const row = { ...fields, lane }
      const hash = auditHash(prevHash, row)
      const value = sql`(${drawn[i]}::bigint, ${lane}::smallint, ${row.at.toISOString()}::timestamptz, ${row.actorId}::text, ${row.actorRole}::text, ${row.action}::text, ${row.objectType}::text, ${row.objectId}::text, ${row.result}::text, ${JSON.stringify(row.details)}::jsonb, ${prevHash}::text, ${hash}::text)`
      prevHash = hash
      return value
    })
    await tx.execute(sql`
      with ins as (
        insert into audit_log (seq, lane, at, actor_id, actor_role, action, object_type, object_id, result, details, prev_hash, hash)
        values ${sql.join(values, sql`, `)}
        returning seq)
      update audit_lane_heads set seq = ${drawn[drawn.length - 1]}::bigint, hash = ${prevHash}
       where lane = ${lane} and (select count(*) from ins) = ${entries.length}`)
    return { lane, seqs: drawn, hash: prevHash }
  })
}

/** What `appendAuditOnLane` found: the rows written, or why not. */
export type AuditLaneAppend =
  | { readonly written: true; readonly seqs: number[]; readonly hash: string }
  /** Another transaction holds the lane's head (a writer's `appendAudit`, another process's batch): nothing written. */
  | { readonly written: false; readonly busy: true }
  /** The lane's head is not `prevHash` but `head`: nothing written; chain the rows from `head` and try again. */
  | { readonly written: false; readonly busy: false; readonly head: string }

/**
 * `xf_audit_append`, named: node-postgres parses and plans it once per connection instead of once per batch (about
 * 0.7 ms of the server's time a batch); built once per handle.
 */
const appendStatement = onePerHandle((db: XfDb) =>
  db
    .select({ head: sql<string | null>`a.head`, seqs: sql<string | null>`a.seqs::text` })
    .from(
      sql`xf_audit_append(${sql.placeholder("lane")}::smallint, ${sql.placeholder("prev")}::text, ${sql.placeholder("rows")}::jsonb) as a`,
    )
    .prepare("xf_audit_append"),
)

/**
 * Appends `entries`, in order, to `lane` in ONE statement, sent outside any transaction block so that PostgreSQL
 * commits it on its own (`xf_audit_append`, custom migration `audit_append_one_statement`): one round trip per
 * batch instead of BEGIN, lock, insert, COMMIT. The rows are chained here from `prevHash`, the lane's head as the
 * caller last saw it; the function locks the head (`FOR UPDATE SKIP LOCKED`) and writes only if it still is
 * `prevHash`, drawing the `seq` values under that lock and linking each row's `prev_hash` to the row before, so
 * the lane verifies exactly as with `appendAuditBatch`. `prevHash` null only asks for the head.
 *
 * Resolves once the rows are committed (or found not written); rejects, with nothing written, when the
 * statement fails (a row of a month no partition can hold).
 */
export const appendAuditOnLane = async (
  db: XfDb,
  lane: number,
  prevHash: string | null,
  entries: readonly AuditEntry[],
): Promise<AuditLaneAppend> => {
  if (!Number.isInteger(lane) || lane < 0 || lane >= AUDIT_LANES)
    throw new RangeError(`no audit lane ${lane}`)
  let hash = prevHash ?? ""
  const rows = entries.map((e) => {
    const fields = hashedFieldsOf(lane, e)
    hash = auditHash(hash, fields)
    return {
      at: fields.at.toISOString(),
      actorId: fields.actorId,
      actorRole: fields.actorRole,
      action: fields.action,
      objectType: fields.objectType,
      objectId: fields.objectId,
      result: fields.result,
      details: fields.details,
      hash,
    }
  })
  const [r] = await appendStatement(db).execute({
    lane,
    prev: prevHash,
    rows: prevHash === null ? "[]" : JSON.stringify(rows),
  })
  if (r === undefined) throw new Error("xf_audit_append returned no row")
  if (r.head === null) return { written: false, busy: true }
  if (r.seqs === null) return { written: false, busy: false, head: r.head }
  const seqs = r.seqs.replace(/[{}]/g, "").split(",").map(Number)
  return { written: true, seqs, hash: r.head }
}

/** The first instant of `at`'s UTC month, ISO 8601. */
const monthOf = (at: Date): string =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)).toISOString()

/** Options of `createAuditAppender`. */
export interface AuditAppenderOptions {
  /** Most entries in one batch (default 500; a request's entries are never split). */
  readonly maxBatch?: number
  /**
   * Batches in flight at once, each on its own lane and connection (default 2): a batch starts the moment one
   * of them is free, so an entry waits at most for one batch in flight before its own is sent.
   */
  readonly concurrency?: number
  /**
   * The lane this appender tries first (0 to `AUDIT_LANES` - 1; default random). The API's processes of one
   * server (`XF_API_PROCESSES`) each start `concurrency` lanes after the previous one, so that their batches keep
   * to lanes of their own and seldom find a head another process moved (each such find costs the batch one more
   * statement); the lanes stay shared, so this is a preference, never a lock.
   */
  readonly firstLane?: number
}

/** Hands audit entries to the group-committing writer of one process (`createAuditAppender`). */
export interface AuditAppender {
  /**
   * Queues `entries` (kept together, in order, on one lane) for the next batch; resolves once their rows are
   * committed, rejects when their batch failed (then none of them was written).
   */
  append(entries: readonly AuditEntry[]): Promise<void>
  /** Waits for every queued entry to be written (or to fail); later appends are refused. */
  close(): Promise<void>
}

/** Tries of `appendAuditOnLane` per batch before it falls back to `appendAuditBatch`'s locking transaction. */
const LANE_TRIES = 4

/**
 * The process's audit appender: entries handed to it while batches are being written wait and go together in the
 * next one, so N waiting requests cost one statement and one COMMIT instead of N. No timer: a lone entry is
 * written at once; batches form only when requests arrive faster than a batch commits.
 *
 * Each batch is one statement (`appendAuditOnLane`) on a lane none of this appender's other batches is using,
 * chained in memory from the head this appender last wrote or saw there. When the lane moved meanwhile (a
 * writer's `appendAudit`, another process), the statement writes nothing and answers the new head, and the batch
 * is chained again from it; a lane held by another transaction is skipped for another. After `LANE_TRIES` such
 * answers the batch goes through `appendAuditBatch`, which waits for a lane under lock. The heads kept in memory
 * are only a guess checked under the lane's lock, so a failed batch or a crash needs no repair and several
 * processes append side by side. Give it a pool of its own (`Database.auditDb`) so that batches never wait in
 * the request pool's queue, nor requests behind them.
 */
export const createAuditAppender = (db: XfDb, options: AuditAppenderOptions = {}): AuditAppender => {
  const maxBatch = options.maxBatch ?? 500
  const concurrency = Math.min(options.concurrency ?? 2, AUDIT_LANES)
  interface Waiting {
    readonly entries: readonly AuditEntry[]
    readonly resolve: () => void
    readonly reject: (e: unknown) => void
  }
  let queue: Waiting[] = []
  let inFlight = 0
  let closed = false
  let idle: (() => void)[] = []
  /** The head of each lane as this appender last wrote or saw it. */
  const heads = new Map<number, string>()
  /** Lanes a batch of this appender is writing to. */
  const using = new Set<number>()
  // Processes start on different lanes, so that two appenders seldom chase the same heads.
  const first = options.firstLane ?? randomInt(AUDIT_LANES)
  if (!Number.isInteger(first) || first < 0 || first >= AUDIT_LANES)
    throw new RangeError(`no audit lane ${first}`)
  const laneFor = (skip: ReadonlySet<number>): number | undefined => {
    let unknown: number | undefined
    for (let k = 0; k < AUDIT_LANES; k++) {
      const lane = (first + k) % AUDIT_LANES
      if (using.has(lane) || skip.has(lane)) continue
      if (heads.has(lane)) return lane
      unknown ??= lane
    }
    return unknown
  }
  const write = async (entries: readonly AuditEntry[]): Promise<void> => {
    const skip = new Set<number>()
    for (let t = 0; t < LANE_TRIES; t++) {
      const lane = laneFor(skip)
      if (lane === undefined) break
      using.add(lane)
      try {
        const r = await appendAuditOnLane(db, lane, heads.get(lane) ?? null, entries)
        if (r.written) {
          heads.set(lane, r.hash)
          return
        }
        if (r.busy) skip.add(lane)
        else heads.set(lane, r.head)
      } finally {
        using.delete(lane)
      }
    }
    const { lane, hash } = await appendAuditBatch(db, entries)
    heads.set(lane, hash)
  }
  const pump = () => {
    while (inFlight < concurrency && queue.length > 0) {
      let n = 0
      let take = 0
      while (take < queue.length && (take === 0 || n + (queue[take]?.entries.length ?? 0) <= maxBatch)) {
        n += queue[take]?.entries.length ?? 0
        take++
      }
      const batch = queue.slice(0, take)
      queue = queue.slice(take)
      inFlight++
      write(batch.flatMap((w) => w.entries))
        .then(
          () => {
            for (const w of batch) w.resolve()
          },
          (e: unknown) => {
            for (const w of batch) w.reject(e)
          },
        )
        .finally(() => {
          inFlight--
          pump()
        })
    }
    if (inFlight === 0 && queue.length === 0) {
      const done = idle
      idle = []
      for (const f of done) f()
    }
  }
  return {
    append: (entries) => {
      if (entries.length === 0) return Promise.resolve()
      if (closed) return Promise.reject(new Error("the audit appender is closed"))
      return new Promise<void>((resolve, reject) => {
        queue.push({ entries, resolve, reject })
        pump()
      })
    },
    close: () => {
      closed = true
      if (inFlight === 0 && queue.length === 0) return Promise.resolve()
      return new Promise<void>((resolve) => idle.push(resolve))
    },
  }
}

/**
 * Sets each lane's head in `audit_lane_heads` from the log: its newest row, or else the newest anchor retention
 * left for it, or else `seq` 0 and the genesis hash. For the owner after rows were put into the log other than by
 * appending (a restore).
 */
export const rebuildAuditLaneHeads = async (tx: XfDb): Promise<void> => {
  await tx.execute(sql`
    update audit_lane_heads h set seq = coalesce(x.seq, 0), hash = coalesce(x.hash, ${GENESIS_HASH})
      from audit_lane_heads l
      left join lateral (
        select seq, hash from audit_log where lane = l.lane
        union all select seq, hash from audit_anchors where lane = l.lane
        order by 1 desc limit 1
      ) x on true
     where h.lane = l.lane`)
}

export type AuditChainVerdict =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: string }

/** Options of `verifyAuditChain`. */
export interface VerifyAuditChainOptions {
  /**
   * The heads of a part of the log that retention removed (what `auditHeads` read just before the oldest
   * rows were dropped). Each lane is then checked from its anchor: its rows up to the anchor's `seq` are
   * skipped, and its first later row must link to the anchor's hash instead of the genesis hash. By default
   * the anchors the retention job stored (`storedAuditAnchors`; none before the first prune).
   */
  readonly from?: AuditHeads
}

/**
 * Walks the whole log in `seq` order and checks every link and every hash. An edited, inserted or
 * deleted row breaks the chain at (or just after) that row. Removing the newest rows cannot be seen
 * from the chain alone: compare the heads with a copy kept elsewhere (`verifyAuditHeads`).
 */
export const verifyAuditChain = async (
  db: XfDb,
  batchSize = 2_000,
  options: VerifyAuditChainOptions = {},
): Promise<AuditChainVerdict> => {
  const from = options.from ?? (await storedAuditAnchors(db))
  const anchors = new Map(from.lanes.map((a) => [a.lane, a] as const))
  const prevHashes = new Map<number, string>([...anchors].map(([lane, a]) => [lane, a.hash] as const))
  let after = 0
  let rows = 0
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize)
    for (const row of batch) {
      const anchor = anchors.get(row.lane)
      if (anchor !== undefined && row.seq <= anchor.seq) {
        after = row.seq
        continue
      }
      const prevHash = prevHashes.get(row.lane) ?? GENESIS_HASH
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          brokenAt: row.seq,
          reason: "prev_hash does not match the previous row's hash in its lane",
        }
      }
      if (auditHash(row.prevHash, row) !== row.hash) {
        return { ok: false, brokenAt: row.seq, reason: "hash does not match the row's contents" }
      }
      prevHashes.set(row.lane, row.hash)
      after = row.seq
      rows++
    }
    if (batch.length < batchSize) return { ok: true, rows }
  }
}

/** The newest row of one lane: its `seq` and `hash`. */
export interface AuditLaneHead {
  readonly lane: number
  readonly seq: number
  readonly hash: string
}

/**
 * The head of every lane at one moment, to be kept off the box (a file on other storage, a printout): the chain
 * proves each row's predecessors, but only a copy of the heads kept elsewhere shows that the newest rows of a
 * lane were deleted. Lanes without rows are absent.
 */
export interface AuditHeads {
  /** When the heads were read, ISO 8601 UTC. */
  readonly at: string
  readonly lanes: readonly AuditLaneHead[]
}

/** The current head of every lane (one index probe per lane on `audit_log_lane_idx`). */
export const auditHeads = async (db: XfDb, now: Date = new Date()): Promise<AuditHeads> => {
  const lanes: AuditLaneHead[] = []
  for (let lane = 0; lane < AUDIT_LANES; lane++) {
    const [head] = await db
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.lane, lane))
      .orderBy(desc(auditLog.seq))
      .limit(1)
    if (head !== undefined) lanes.push({ lane, seq: head.seq, hash: head.hash })
  }
  return { at: now.toISOString(), lanes }
}

/** Reads heads written by `auditHeads` (JSON); throws on anything else. */
export const parseAuditHeads = (json: string): AuditHeads => {
  const value = JSON.parse(json) as Partial<AuditHeads>
  const lanes = value.lanes
  const ok =
    typeof value.at === "string" &&
    Array.isArray(lanes) &&
    lanes.every(
      (l: Partial<AuditLaneHead>) =>
        Number.isInteger(l.lane) && Number.isInteger(l.seq) && typeof l.hash === "string",
    )
  if (!ok) throw new Error("not an audit heads file: expected { at, lanes: [{ lane, seq, hash }] }")
  return value as AuditHeads
}

export type AuditHeadsVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly lane: number; readonly seq: number; readonly reason: string }

/**
 * Checks that every head kept elsewhere is still in the log, unchanged, in its lane. Together with
 * `verifyAuditChain` (every row links to its predecessor) this shows that no row up to those heads was
 * deleted, the newest ones included. Rows appended after the heads were taken are not covered until the next
 * export.
 */
export const verifyAuditHeads = async (db: XfDb, heads: AuditHeads): Promise<AuditHeadsVerdict> => {
  for (const head of heads.lanes) {
    const [row] = await db
      .select({ lane: auditLog.lane, hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.seq, head.seq))
      .limit(1)
    const reason =
      row === undefined
        ? `its head of ${heads.at} (seq ${head.seq}) is missing: rows were deleted from the end of the lane`
        : row.lane !== head.lane || row.hash !== head.hash
          ? `its head of ${heads.at} (seq ${head.seq}) no longer has the recorded hash`
          : undefined
    if (reason !== undefined)
      return { ok: false, lane: head.lane, seq: head.seq, reason: `lane ${head.lane}: ${reason}` }
  }
  return { ok: true }
}

/**
 * Writes the current heads to `path` as JSON (through a temporary file and a rename, so a reader never sees
 * half a file) and returns them. Point `path` at storage the database's operators cannot rewrite.
 */
export const writeAuditHeads = async (
  db: XfDb,
  path: string,
  now: Date = new Date(),
): Promise<AuditHeads> => {
  const heads = await auditHeads(db, now)
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, `${JSON.stringify(heads, null, 2)}\n`)
  renameSync(tmp, path)
  return heads
}

/**
 * Each lane's newest anchor from `audit_anchors`, as heads for `verifyAuditChain({ from })`; no lanes when
 * nothing was ever pruned.
 */
export const storedAuditAnchors = async (db: XfDb): Promise<AuditHeads> => {
  const rows = await db
    .select({
      lane: auditAnchors.lane,
      seq: auditAnchors.seq,
      hash: auditAnchors.hash,
      at: auditAnchors.prunedAt,
    })
    .from(auditAnchors)
    .orderBy(asc(auditAnchors.lane), desc(auditAnchors.seq))
  const newest = new Map<number, (typeof rows)[number]>()
  for (const r of rows) if (!newest.has(r.lane)) newest.set(r.lane, r)
  const lanes = [...newest.values()].map(({ lane, seq, hash }) => ({ lane, seq, hash }))
  const at = [...newest.values()].reduce((m, r) => (r.at > m ? r.at : m), new Date(0))
  return { at: at.toISOString(), lanes }
}
