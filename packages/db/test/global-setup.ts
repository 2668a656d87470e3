import { migratedTemplatesForRun } from "../src/testing.js"

// Once per run: the migrated empty databases every open copies (a PGlite dump, a PostgreSQL template).
export default () => migratedTemplatesForRun(process.env.TEST_DATABASE_URL)
