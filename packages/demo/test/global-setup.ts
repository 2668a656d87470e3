import { migratedTemplatesForRun } from "@xianfeng/db/testing"

// Once per run: the migrated empty databases every open copies (a PGlite dump, a PostgreSQL template).
export default () => migratedTemplatesForRun(process.env.TEST_DATABASE_URL)
