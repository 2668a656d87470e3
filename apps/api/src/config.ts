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
})
