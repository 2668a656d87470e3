/**
 * A throwaway PostgreSQL cluster for the benchmark (stack.md §2 option A): initdb in /tmp, loopback only,
 * port 54329, stopped at the end. Runs the server binaries as the `postgres` user when started as root. Being
 * throwaway, it trades durability for load speed: `synchronous_commit=off` (a crash may lose the last commits,
 * never corrupts), JIT off as the API sets it on its own connections (so the raw baseline plans alike), a 4 GB `max_wal_size` and 30 min checkpoints (fewer checkpoints during the load of a million
 * members), 256 MB `maintenance_work_mem`. The numbers it measures are for reads, which these do not change.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, rmSync } from "node:fs"
import pg from "pg"

const asPostgres = (cmd: string) => {
  if (process.getuid?.() === 0) execFileSync("su", ["postgres", "-c", cmd], { stdio: "pipe" })
  else execFileSync("sh", ["-c", cmd], { stdio: "pipe" })
}

export interface Cluster {
  readonly url: string
  /** True when the database already held the district (BENCH_REUSE_PG=1 and a kept cluster). */
  readonly reused: boolean
  stop(): void
}

export const startCluster = async (opts: {
  dir: string
  port: number
  reuse: boolean
  /** The server binaries (initdb, pg_ctl). */
  bin: string
}): Promise<Cluster> => {
  const { dir, port } = opts
  const PGBIN = opts.bin
  const keep = opts.reuse && existsSync(`${dir}/PG_VERSION`)
  if (!keep) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir])
    asPostgres(`${PGBIN}/initdb -D ${dir} -U postgres -A trust -E UTF8 --locale=C.UTF-8`)
  }
  asPostgres(
    `${PGBIN}/pg_ctl -D ${dir} -l ${dir}/server.log -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c shared_buffers=256MB -c max_connections=100 -c synchronous_commit=off -c max_wal_size=4GB -c maintenance_work_mem=256MB -c checkpoint_timeout=30min -c jit=off" -w start`,
  )
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` })
  await admin.connect()
  const exists = await admin.query("select 1 from pg_database where datname = 'xfbench'")
  if (exists.rowCount === 0) await admin.query("create database xfbench")
  await admin.end()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/xfbench`,
    reused: keep,
    stop: () => {
      try {
        asPostgres(`${PGBIN}/pg_ctl -D ${dir} -m fast -w stop`)
      } catch {
        // already stopped
      }
      if (!opts.reuse) rmSync(dir, { recursive: true, force: true })
    },
  }
}
