import { defineConfig } from "tsup"

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "verify-audit": "src/cli/verify-audit.ts",
    "grant-role": "src/cli/grant-role.ts",
    "prune-audit": "src/cli/prune-audit.ts",
    // Test plumbing for the suites above db; the `.` entry never pulls it in.
    testing: "src/testing.ts",
    // PGlite's worker thread, started by path from beside the chunk that holds openDatabase (pglite-thread.ts).
    "pglite-worker": "src/internal/pglite-worker.ts",
  },
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
})
