/**
 * The command line's configuration: the only file of apps/cli that reads process.env (the architecture test
 * holds it). Options on the command line win over these.
 */
export interface CliEnv {
  /** PostgreSQL server URL (DATABASE_URL); otherwise embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined
  /** XF_DATA_DIR, default `.data` (as the API's). */
  readonly dataDir: string
  /** XF_ID_KEY: base64 of the 32-byte ID key; without it, `<dataDir>/id-vault.key`. */
  readonly idKey: string | undefined
}

export const cliEnv = (env: NodeJS.ProcessEnv = process.env): CliEnv => ({
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: env.XF_DATA_DIR ?? ".data",
  idKey: env.XF_ID_KEY || undefined,
})
