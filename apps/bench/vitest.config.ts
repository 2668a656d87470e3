import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The small mode end to end takes about a minute idle and over 200 s on a loaded 2-core machine (CI, 1 Dec).
    testTimeout: 660_000,
    hookTimeout: 60_000,
  },
})
