/** The API's configuration, read from the environment in this one place. */
export interface Config {
  readonly port: number
  readonly host: string
  /**
   * PostgreSQL when set; otherwise embedded PGlite in `dataDir`. The login the API's queries use: in
   * production a role that is only a member of `xianfeng_app`, with `databaseOwnerUrl` for migrations.
   */
  readonly databaseUrl: string | undefined
  /**
   * The owner's login (`XF_DATABASE_OWNER_URL`): migrations and the demo load run with it, and the API's
   * pool then connects with `databaseUrl`. Unset: everything connects with `databaseUrl`.
   */
  readonly databaseOwnerUrl?: string | undefined
  /** Folder of the embedded database and its key; `memory:` keeps everything in memory (tests). */
  readonly dataDir: string
  /** Base64 of a 32-byte key for ID-number encryption; defaults to a key file created in `dataDir`. */
  readonly idKey: string | undefined
  /** How many members the demo district gets when the database starts empty; 0 loads nothing. */
  readonly demoMembers: number
  readonly demoSeed: number
  /** The built admin (apps/admin/dist), served at `/`. */
  readonly adminDist: string | undefined
  /** The built guide (apps/guide/dist), served at `/guide/`. */
  readonly guideDist?: string | undefined
  readonly sessionIdleMinutes: number
  readonly sessionMaxHours: number
  /** Send cookies with `Secure` (behind TLS). */
  readonly secureCookies: boolean
  readonly poolSize: number
  /**
   * The role the API's queries run as (`xianfeng_app`, made by migration 0004), so row-level security binds
   * them; migrations and the demo load still run as the connecting user. Unset: queries run as the
   * connecting user, and the scope condition in each query is the one wall (docs/security.md).
   */
  readonly databaseRole: string | undefined
  /** Where the audit log's lane heads are written (every `auditHeadsSeconds` and on shutdown); unset: nowhere. */
  readonly auditHeadsFile: string | undefined
  readonly auditHeadsSeconds: number
  /**
   * How many API processes serve the port (`XF_API_PROCESSES`, default 1; node:cluster: one primary hands
   * connections to that many workers, PostgreSQL only). On a 2-core district server keep 1: PostgreSQL needs the
   * other core, and two processes spent more CPU per read than one in docs/benchmarks.md ("Where a read's CPU
   * goes"); on a server with more cores, one process per core the API may use. Embedded PGlite: always 1 (one
   * process per data folder); more is refused.
   */
  readonly processes: number
  /**
   * Which of the server's processes this is, 0-based (`XF_API_PROCESS_INDEX`, set by the primary for each worker;
   * unset when the server is one process): the audit appender starts on lanes of its own by it.
   */
  readonly processIndex?: number | undefined
}

const int = (
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
) => {
  const raw = env[name]
  if (raw === undefined || raw === "") return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`)
  }
  return n
}

/** `XF_API_PROCESSES` (see `Config.processes`), at most 64. */
const processesOf = (env: Record<string, string | undefined>): number => {
  const postgres = Boolean(env.DATABASE_URL)
  const n = int(env, "XF_API_PROCESSES", 1, 1, 64)
  if (n > 1 && !postgres)
    throw new Error(
      `XF_API_PROCESSES must be 1 with embedded PGlite (one process per data folder), got "${env.XF_API_PROCESSES}"`,
    )
  return n
}

/** The configuration from `env`, by default this process's environment (the one place the API reads it). */
export const configFromEnv = (env: Record<string, string | undefined> = process.env): Config => ({
  port: int(env, "PORT", 8080, 0, 65535),
  host: env.HOST ?? "127.0.0.1",
  databaseUrl: env.DATABASE_URL || undefined,
  databaseOwnerUrl: env.XF_DATABASE_OWNER_URL || undefined,
  dataDir: env.XF_DATA_DIR ?? ".data",
  idKey: env.XF_ID_KEY || undefined,
  demoMembers: int(env, "XF_DEMO_MEMBERS", 20_000, 0, 5_000_000),
  demoSeed: int(env, "XF_DEMO_SEED", 20260701, 0, 2 ** 31 - 1),
  adminDist: env.XF_ADMIN_DIST || undefined,
  guideDist: env.XF_GUIDE_DIST || undefined,
  sessionIdleMinutes: int(env, "XF_SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
  sessionMaxHours: int(env, "XF_SESSION_MAX_HOURS", 12, 1, 24 * 30),
  secureCookies: env.XF_SECURE_COOKIES === "1",
  poolSize: int(env, "XF_POOL_SIZE", 8, 1, 200),
  databaseRole: env.XF_DATABASE_ROLE || undefined,
  auditHeadsFile: env.XF_AUDIT_HEADS_FILE || undefined,
  auditHeadsSeconds: int(env, "XF_AUDIT_HEADS_SECONDS", 60, 1, 24 * 3600),
  processes: processesOf(env),
  processIndex: env.XF_API_PROCESS_INDEX ? int(env, "XF_API_PROCESS_INDEX", 0, 0, 63) : undefined,
})
