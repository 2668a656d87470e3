import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../scripts/vitest-setup.ts"],
    // One module graph per worker for all its files: no suite keeps state in modules, and importing effect and
    // the rules again for every file was most of the time (development-rules: 50 s → 15 s).
    isolate: false,
    // One folder (and template-database prefix) per run for the demo districts the suites copy (support.ts).
    globalSetup: ["test/global-setup.ts"],
    // The first suite of a run to ask for a demo district generates it (support.ts), a minute of CPU on a busy box.
    hookTimeout: 240_000,
    testTimeout: 120_000,
    // Two files at a time: the suite is the longest task of `pnpm test` (its files ran one by one for 15 of the
    // run's 22 minutes); a demo district is still generated once per run, by whichever file asks first
    // (support.ts, `oncePerRun`).
    maxWorkers: 2,
  },
})
