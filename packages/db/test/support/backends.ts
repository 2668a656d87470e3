import { type TestBackend, testBackends } from "../../src/testing.js"

/** A backend the shared suite runs on, as drizzle's integration tests do. */
export type Backend = TestBackend

/** PGlite always, PostgreSQL when TEST_DATABASE_URL is set (each run in a database of its own, dropped after). */
export const backends: readonly Backend[] = testBackends(process.env.TEST_DATABASE_URL, "xf_db_test")
