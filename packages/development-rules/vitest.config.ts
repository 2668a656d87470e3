import { defineConfig } from "vitest/config"

// Property tests evaluate thousands of histories; on a loaded 2-core CI box they need more than 5 s.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../scripts/vitest-setup.ts"],
    testTimeout: 60_000,
  },
})
