import { date } from "@xianfeng/core"
import { createIdVault, type Database } from "@xianfeng/db"
import { type TestBackend, testBackends } from "@xianfeng/db/testing"
import { loadDemoDistrict } from "../../src/index.js"

// PGlite always, PostgreSQL when TEST_DATABASE_URL is set (each run in a database of its own, dropped after).
export const backends: readonly TestBackend[] = testBackends(process.env.TEST_DATABASE_URL, "xf_demo_test")

export const testVault = createIdVault(new Uint8Array(32).fill(7))

/** The day the shared demo district is generated as of. */
export const sharedDemoAsOf = date("2026-11-30")

/**
 * A database of its own on `backend` holding the demo district the area suites share (seed 3, 2,000 members,
 * as of 2026-11-30, `testVault`, passwords hashed as `test-hash:<password>`): loaded once per run and backend
 * by whichever suite asks first, every other suite starting from a copy (`TestBackend.openFilled`).
 */
export const openSharedDemo = (backend: TestBackend): Promise<Database> =>
  backend.openFilled(`demo_s3_m2000_${sharedDemoAsOf.toString().replaceAll("-", "")}`, (database) =>
    loadDemoDistrict(database, {
      seed: 3,
      members: 2_000,
      asOf: sharedDemoAsOf,
      vault: testVault,
      hashPassword: async (p) => `test-hash:${p}`,
    }),
  )
