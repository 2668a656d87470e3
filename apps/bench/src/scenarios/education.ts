/**
 * Annual study hours of every member (教育培训): the area's path — `studyHoursOf`, which returns each member's
 * stored year from the study-hours index while the member's stamp (bumped by statement triggers on every write
 * of their entries) and the policy still hold, and recomputes the others (entries alone on their member-day
 * summed in SQL, crowded member-days through `creditStudy`: the same time never counted twice) — against the
 * bare SQL sum of the same entries per member (class attendance, online learning and the study meetings' length
 * for those present, with no care for overlaps), on the same database, in one run. The first read of a year
 * fills the index; it is timed apart and reported in the row's detail.
 * Small mode: the demo district on embedded PGlite. Full mode: the 1,000,000-member province on PostgreSQL (the
 * cluster of sections 2 and 4, or its own with `BENCH_ONLY=education`).
 */
import { dateOfInstant, Temporal } from "@xianfeng/core"
import {
  createIdVault,
  keyFromConfig,
  openDatabase,
  orgs,
  rowsOf,
  type Scope,
  studyHoursOf,
  type XfDb,
} from "@xianfeng/db"
import { loadDemoDistrict } from "@xianfeng/demo"
import { nationalPolicy } from "@xianfeng/education-training"
import { isNull, sql } from "drizzle-orm"
import { type BenchContext, ID_KEY, log } from "../context.js"
import { demoInMemory } from "../demo-memory.js"
import { startCluster } from "../pg-cluster.js"
import type { Row } from "../report.js"

const minutes = (column: string) =>
  sql.raw(`(substr(${column}, 1, 2)::int * 60 + substr(${column}, 4, 2)::int)`)

/** Times `studyHoursOf` for the whole tree against the bare sum, alternating, `rounds` each after a warm-up. */
export const measureStudyHours = async (
  db: XfDb,
  rounds: number,
  where: string,
): Promise<{ row: Row; members: number }> => {
  const [root] = await db
    .select({ orgId: orgs.id, orgPath: orgs.path })
    .from(orgs)
    .where(isNull(orgs.parentId))
  if (root === undefined) throw new Error("the district has no root")
  const scope: Scope = root
  const year = dateOfInstant(new Date()).year
  const from = Temporal.PlainDate.from({ year, month: 1, day: 1 }).toString()
  const to = Temporal.PlainDate.from({ year, month: 12, day: 31 }).toString()
  const policy = nationalPolicy
  const kinds = sql.join(
    policy.studyMeetingKinds.map((k) => sql`m.types @> ${JSON.stringify([k])}::jsonb`),
    sql` or `,
  )
  const full = () => studyHoursOf(db, scope, {}, year, policy)
  const bare = () =>
    db.execute(sql`
      select member_id, sum(tenths) from (
        select a.member_id, s.tenths from education_attendance a
          join education_sessions s on s.id = a.session_id
          where s.on_date between ${from} and ${to}
        union all
        select member_id, tenths from education_online where on_date between ${from} and ${to}
        union all
        select a.member_id, (${minutes("m.end_time")} - ${minutes("m.start_time")}) * 10 / ${policy.minutesPerClassHour}
          from discipline_meetings m join discipline_attendance a on a.meeting_id = m.id and a.present
          where m.on_date between ${from} and ${to} and (${kinds})
      ) x group by member_id`)
  log(`education: first read (fills the index) on ${where}`)
  // The index as a fresh database has it: empty for the year, so the first read computes and stores everyone.
  await db.execute(sql`delete from education_study_index where year = ${year}`)
  let t0 = performance.now()
  const first = await full()
  const fillMs = performance.now() - t0
  t0 = performance.now()
  await bare()
  const firstBareMs = performance.now() - t0
  const warm = await full()
  let a = 0
  let b = 0
  for (let round = 0; round < rounds; round++) {
    let t = performance.now()
    await bare()
    b += performance.now() - t
    t = performance.now()
    await full()
    a += performance.now() - t
  }
  const per = (ms: number) => ms / rounds
  const ratio = per(a) / per(b)
  const crowded = first.crowdedEntries
  return {
    members: first.members.size,
    row: {
      metric: "annual study hours of every member (credited once)",
      baselineLabel: "bare SQL sum of the same entries per member",
      baseline: per(b),
      measured: per(a),
      unit: "ms",
      ratio,
      target: "≤ 3×",
      pass: ratio <= 3,
      limit:
        "reading the index: one row per member of the subtree (members ⋈ organizations for the scope, each " +
        "member's stamp and stored year by primary key) and building a JavaScript object per member with study; " +
        "the bare sum reads every entry instead. A write moves only its members' stamps, and the next read " +
        "recomputes only those members. The first read of a year computes every member (as the path did on every " +
        "read before the index) and stores them: it is timed apart (see the detail).",
      detail: `${first.members.size.toLocaleString("en-US")} members with study; first read (fills the index: ${first.recomputed.toLocaleString("en-US")} members computed, ${crowded.toLocaleString("en-US")} entries on crowded member-days through \`creditStudy\`) ${(fillMs / 1000).toFixed(1)} s against ${(firstBareMs / 1000).toFixed(1)} s for the bare sum (${(fillMs / firstBareMs).toFixed(1)}×); later reads recompute ${warm.recomputed.toLocaleString("en-US")}; ${where}`,
    },
  }
}

/** Small mode: the demo district on embedded PGlite. */
export const educationScenario = async ({ cfg }: BenchContext): Promise<{ row: Row; note: string }> => {
  log("education: the demo district in PGlite")
  const database = await demoInMemory(cfg)
  try {
    // Planner statistics, as PostgreSQL's autovacuum would have gathered them (PGlite runs none).
    await database.db.execute(sql`analyze`)
    const rounds = 5
    const { row } = await measureStudyHours(
      database.db,
      rounds,
      `${cfg.demoMembers.toLocaleString("en-US")}-member demo district on PGlite`,
    )
    return {
      row,
      note: `Study hours (education): the demo district of ${cfg.demoMembers.toLocaleString("en-US")} members on embedded PGlite; \`studyHoursOf\` (each member's stored year from the study-hours index while their stamp holds; stale members recomputed, entries alone on their member-day summed in SQL, crowded days through \`creditStudy\`) against one SQL sum of the same entries per member, ${rounds} alternating rounds, mean of each; the first read, which fills the index, is timed apart (in the row's detail). In full mode the row runs on the 1,000,000-member province on PostgreSQL.`,
    }
  } finally {
    await database.close()
  }
}

/** Full mode: the province already loaded in PostgreSQL at `url`. */
export const educationOnPostgres = async (url: string): Promise<{ row: Row; note: string }> => {
  const database = await openDatabase({ url, poolMax: 2, migrate: false })
  try {
    await database.db.execute(sql`analyze education_attendance, education_online, discipline_attendance`)
    const rounds = 3
    // The members actually there (a cut-short load holds fewer than the province's million): named, not assumed.
    const [n] = rowsOf<{ n: string | number }>(
      await database.db.execute(sql`select count(*) as n from members`),
    )
    const size = `${Number(n?.n ?? 0).toLocaleString("en-US")}-member province on PostgreSQL`
    const { row, members } = await measureStudyHours(database.db, rounds, size)
    return {
      row,
      note: `Study hours (education): the ${size} (${members.toLocaleString("en-US")} members with study this year); \`studyHoursOf\` (stored years from the study-hours index, stale members recomputed) against one SQL sum of the same entries per member through the same driver, ${rounds} alternating rounds after the first read, mean of each; the first read, which fills the index, is timed apart (in the row's detail).`,
    }
  } finally {
    await database.close()
  }
}

/**
 * `BENCH_ONLY=education`: the row alone. Small mode on PGlite; full mode on the throwaway cluster (kept and reused
 * with `BENCH_REUSE_PG=1`) or `BENCH_DATABASE_URL`, loading the province only when the database is empty.
 */
export const educationOnly = async (
  ctx: BenchContext,
): Promise<{ row: Row; note: string; setup: string }> => {
  const { cfg, versions } = ctx
  if (cfg.small) {
    const r = await educationScenario(ctx)
    return { ...r, setup: "Small mode: the demo district on embedded PGlite." }
  }
  const cluster = cfg.databaseUrl
    ? undefined
    : await startCluster({ dir: cfg.pgData, port: cfg.pgPort, reuse: cfg.reusePg, bin: cfg.pgBin })
  const url = cfg.databaseUrl ?? cluster?.url ?? ""
  try {
    const database = await openDatabase({ url, poolMax: 4 })
    const t = performance.now()
    const loaded = await loadDemoDistrict(database, {
      seed: cfg.seed,
      members: cfg.pgMembers,
      asOf: dateOfInstant(new Date()),
      vault: createIdVault(keyFromConfig(ID_KEY)),
      hashPassword: async (p) => p,
    })
    const [v] = rowsOf<{ server_version: string }>(await database.db.execute(sql`show server_version`))
    versions.PostgreSQL = String(v?.server_version)
    await database.close()
    const loadNote = loaded.loaded
      ? `loaded ${loaded.members.toLocaleString("en-US")} members in ${((performance.now() - t) / 1000).toFixed(0)} s`
      : "the database already held the district"
    const r = await educationOnPostgres(url)
    return {
      ...r,
      setup: `Full mode, this row alone (\`BENCH_ONLY=education\`): PostgreSQL ${versions.PostgreSQL}, ${loadNote}.`,
    }
  } finally {
    cluster?.stop()
  }
}
