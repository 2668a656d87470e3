/**
 * The import (issue 14): member rows validated and written through the import engine (`runImport`: every row's
 * ID number, dates, organization and stage checked, duplicates looked up, the rows written with their pinyin
 * keys and encrypted ID numbers, one audit row), against a bare COPY of the same CSV into a table of text
 * columns, on the same database. Full mode: 50,000 rows on PostgreSQL (target < 30 s); small mode: 2,000
 * rows on PGlite, a smoke run.
 */
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { PGlite } from "@electric-sql/pglite"
import { date, dateOfInstant, makeIdNumber } from "@xianfeng/core"
import {
  autoMap,
  createIdVault,
  type Database,
  insertOrg,
  keyFromConfig,
  memberImporter,
  openDatabase,
  readTable,
  runImport,
} from "@xianfeng/db"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { type BenchContext, ID_KEY, log } from "../context.js"
import { startCluster } from "../pg-cluster.js"
import { type Row, row } from "../report.js"

const SURNAMES =
  "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志斌鹏辉宇浩然子轩梓涵欣怡雨晨思远"

/** N members as the 24-column sheet's core columns, CSV, with valid and distinct ID numbers (seeded). */
export const memberCsv = (n: number, seed: number): string => {
  let s = seed >>> 0
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s
  }
  const lines = ["姓名,身份证号码,党支部编码,人员类别,加入党组织日期,转为正式党员日期"]
  const base = date("1960-01-01")
  for (let i = 0; i < n; i++) {
    const name = `${SURNAMES[next() % SURNAMES.length]}${GIVEN[next() % GIVEN.length]}${i % 3 === 0 ? GIVEN[next() % GIVEN.length] : ""}`
    // Distinct numbers: the birth date and the sequence together are unique per row.
    const birth = base.add({ days: i % 14_000 })
    const id = makeIdNumber("330106", birth, Math.floor(i / 14_000) * 2 + (next() % 2))
    const admitted = birth.add({ years: 25, days: next() % 300 })
    const full = admitted.add({ years: 1 })
    lines.push(`${name},${id},bench_b${i % 40},正式党员,${admitted.toString()},${full.toString()}`)
  }
  return `${lines.join("\n")}\n`
}

const COPY_TABLE = `create table import_copy (name text, id_number text, org text, stage text, admitted text, full_member text)`
const COPY_SQL = "copy import_copy from stdin with (format csv, header true)"

const setup = async (database: Database) => {
  await database.db.transaction(async (tx) => {
    const orgs = [
      { id: "bench_d", kind: "district-committee", name: "基准区委" } as const,
      ...Array.from(
        { length: 40 },
        (_, i) =>
          ({ id: `bench_b${i}`, parentId: "bench_d", kind: "branch", name: `基准第${i}支部` }) as const,
      ),
    ]
    for (const o of orgs) {
      const r = await insertOrg(tx, o)
      if (r._tag === "Failure") throw new Error(r.failure.message)
    }
  })
}

const timeImport = async (database: Database, csv: string, n: number): Promise<number> => {
  const vault = createIdVault(keyFromConfig(ID_KEY))
  const scope = { orgId: "bench_d", orgPath: "bench_d" }
  const t = performance.now()
  const table = await readTable(new TextEncoder().encode(csv), "members.csv")
  const mapping = autoMap(memberImporter.fields, table.headers)
  const now = new Date()
  const result = await database.db.transaction((tx) =>
    runImport(
      tx as never,
      scope,
      memberImporter,
      table,
      mapping,
      { vault, asOf: dateOfInstant(now), at: now },
      { fileName: "members.csv" },
    ),
  )
  const ms = performance.now() - t
  if (result.written !== n)
    throw new Error(
      `the import wrote ${result.written} of ${n} rows: ${JSON.stringify(result.check.rows.find((r) => r.errors.length > 0))}`,
    )
  return ms
}

const importRow = (n: number, measured: number, baseline: number, where: string, full: boolean): Row =>
  row({
    metric: `${n.toLocaleString("en-US")} member rows validated and written by the import (${where})`,
    baselineLabel: "bare COPY of the same CSV rows into text columns",
    baseline,
    measured,
    unit: "ms",
    target: "< 30 s on PostgreSQL (50,000 rows)",
    pass: full ? measured < 30_000 : null,
    detail: `${Math.round(n / (measured / 1000)).toLocaleString("en-US")} rows/s`,
  })

/** Small mode: PGlite in memory. */
const onPglite = async (n: number, csv: string): Promise<Row> => {
  const database = await openDatabase({ dataDir: "memory:" })
  try {
    await setup(database)
    const client = (database.db as unknown as { $client: PGlite }).$client
    await client.exec(COPY_TABLE)
    const t = performance.now()
    await client.query(COPY_SQL.replace("stdin", "'/dev/blob'"), [], { blob: new Blob([csv]) })
    const baseline = performance.now() - t
    const measured = await timeImport(database, csv, n)
    return importRow(n, measured, baseline, "PGlite", false)
  } finally {
    await database.close()
  }
}

/** Full mode: a database of its own on the throwaway cluster (or BENCH_DATABASE_URL's server). */
const onPostgres = async ({ cfg }: BenchContext, n: number, csv: string): Promise<Row> => {
  const cluster = cfg.databaseUrl
    ? undefined
    : await startCluster({ dir: cfg.pgData, port: cfg.pgPort, reuse: true, bin: cfg.pgBin })
  const server = cfg.databaseUrl ?? cluster?.url ?? ""
  const name = `xf_bench_import_${process.pid}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  try {
    const database = await openDatabase({ url: url.toString(), poolMax: 2 })
    try {
      await setup(database)
      const client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      await client.query(COPY_TABLE)
      const t = performance.now()
      await pipeline(Readable.from([csv]), client.query(copyFrom(COPY_SQL)))
      const baseline = performance.now() - t
      await client.end()
      const measured = await timeImport(database, csv, n)
      return importRow(n, measured, baseline, "PostgreSQL", true)
    } finally {
      await database.close()
    }
  } finally {
    await admin.query(`drop database if exists ${name}`)
    await admin.end()
    cluster?.stop()
  }
}

export const importScenario = async (ctx: BenchContext): Promise<Row> => {
  const n = ctx.cfg.small ? 2_000 : 50_000
  const csv = memberCsv(n, ctx.cfg.seed)
  log(`import: ${n} member rows on ${ctx.cfg.small ? "PGlite" : "PostgreSQL"}`)
  return ctx.cfg.small ? onPglite(n, csv) : onPostgres(ctx, n, csv)
}
