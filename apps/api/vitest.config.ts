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
    // One file at a time: `pnpm test` already runs three packages' suites at once on a 2-core box, and two files
    // at a time there made every file 3–5 times slower (the run went from 22 to over 25 minutes). Alone, on a
    // bigger machine, `vitest run --maxWorkers=2` is safe: a demo district is generated once per run, by whichever
    // file asks first (support.ts, `oncePerRun`), 458 → 326 s here.
    fileParallelism: false,
  },
})
