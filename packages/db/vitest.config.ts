import { defineConfig } from "vitest/config"

// PGlite boots in 2 s idle and over 10 s on a loaded 2-core box (stack.md §4.6).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../scripts/vitest-setup.ts"],
    // One module graph per worker for all its files: no suite keeps state in modules, and importing effect and
    // the rules again for every file was most of the time (development-rules: 50 s → 15 s).
    isolate: false,
    // The run's migrated empty databases, made once and copied by every open (@xianfeng/db/testing).
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
})
