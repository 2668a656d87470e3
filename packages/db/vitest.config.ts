import { defineConfig } from "vitest/config"

// PGlite boots in 2 s idle and over 10 s on a loaded 2-core box (stack.md §4.6).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../scripts/vitest-setup.ts"],
    // The run's migrated empty databases, made once and copied by every open (@xianfeng/db/testing).
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
})
