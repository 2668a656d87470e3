import { pgliteDumpDirForRun } from "@xianfeng/db/testing"

// Once per run: the folder where the first PGlite open leaves the migrated empty database the others load.
export default pgliteDumpDirForRun
