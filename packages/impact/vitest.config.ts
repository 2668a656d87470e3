import { defineConfig } from "vitest/config"

// The small modes evaluate a few hundred demo histories twice and build one package at a revision.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../scripts/vitest-setup.ts"],
    testTimeout: 120_000,
  },
})
