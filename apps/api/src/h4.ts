// H4 TEMPORARY instrumentation (reverted before the end): where a read's time goes.
import { appendFileSync } from "node:fs"
import {
  type AuditAppender,
  createAuditAppender,
  createLegacyAuditAppender,
  h4Trace,
  type XfDb,
} from "@xianfeng/db"

const file = process.env.XF_H4_TRACE
const mode = process.env.XF_H4_MODE ?? "own"

const w = {
  read: [] as number[],
  audit: [] as number[],
  size: [] as number[],
  queue: [] as number[],
  write: [] as number[],
  poolReq: [] as number[],
  poolAudit: [] as number[],
  tries: 0,
}
const pct = (a: number[], p: number) => {
  if (a.length === 0) return 0
  const s = [...a].sort((x, y) => x - y)
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 10) / 10
}
const mean = (a: number[]) => (a.length ? Math.round((a.reduce((x, y) => x + y, 0) / a.length) * 10) / 10 : 0)

export const h4Read = (readMs: number, auditMs: number) => {
  if (!file) return
  w.read.push(readMs)
  w.audit.push(auditMs)
}

const wrapPool = (db: XfDb, into: number[]) => {
  const pool = (db as unknown as { $client: { connect: (...a: unknown[]) => unknown } }).$client
  if (pool === undefined || typeof pool.connect !== "function") return
  const orig = pool.connect.bind(pool)
  pool.connect = (cb?: unknown) => {
    const t = performance.now()
    if (typeof cb === "function")
      return orig((e: unknown, c: unknown, r: unknown) => {
        into.push(performance.now() - t)
        ;(cb as (...x: unknown[]) => void)(e, c, r)
      })
    return (orig() as Promise<unknown>).then((c) => {
      into.push(performance.now() - t)
      return c
    })
  }
}

export const h4Appender = (db: XfDb, auditDb: XfDb | undefined): AuditAppender => {
  if (file) {
    wrapPool(db, w.poolReq)
    if (auditDb !== undefined && mode === "own") wrapPool(auditDb, w.poolAudit)
    h4Trace.batch = (size, queueMs, writeMs, tries) => {
      w.size.push(size)
      w.queue.push(...queueMs)
      w.write.push(writeMs)
      w.tries = tries
    }
    let lastTries = 0
    setInterval(() => {
      const line = {
        t: new Date().toISOString().slice(11, 19),
        mode,
        n: w.read.length,
        readP50: pct(w.read, 50),
        readP99: pct(w.read, 99),
        auditP50: pct(w.audit, 50),
        auditP99: pct(w.audit, 99),
        batches: w.size.length,
        sizeMean: mean(w.size),
        sizeMax: Math.max(0, ...w.size),
        queueP50: pct(w.queue, 50),
        queueP99: pct(w.queue, 99),
        writeP50: pct(w.write, 50),
        writeP99: pct(w.write, 99),
        poolReqMean: mean(w.poolReq),
        poolReqP99: pct(w.poolReq, 99),
        poolAuditMean: mean(w.poolAudit),
        triesPerBatch: w.size.length ? Math.round(((w.tries - lastTries) / w.size.length) * 100) / 100 : 0,
      }
      lastTries = w.tries
      for (const a of [w.read, w.audit, w.size, w.queue, w.write, w.poolReq, w.poolAudit]) a.length = 0
      if (line.n > 0) appendFileSync(file, `${JSON.stringify(line)}\n`)
    }, 2000).unref()
  }
  if (mode === "legacy") return createLegacyAuditAppender(db)
  if (mode === "shared") return createAuditAppender(db)
  return createAuditAppender(auditDb ?? db)
}
