import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../scripts/vitest-setup.ts"],
    // One module graph per worker for all its files: no suite keeps state in modules, and importing effect and
    // the rules again for every file was most of the time (development-rules: 50 s → 15 s).
    isolate: false,
    testTimeout: 60_000,
  },
})
