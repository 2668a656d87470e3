import { createIdVault } from "@xianfeng/db"
import { type TestBackend, testBackends } from "@xianfeng/db/testing"

// PGlite always, PostgreSQL when TEST_DATABASE_URL is set (each run in a database of its own, dropped after).
export const backends: readonly TestBackend[] = testBackends(process.env.TEST_DATABASE_URL, "xf_demo_test")

export const testVault = createIdVault(new Uint8Array(32).fill(7))
