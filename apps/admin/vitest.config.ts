import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          environment: "node",
          // Generous: on a shared, loaded machine a server start and a scenario can take minutes.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // The demo district is loaded once per run; each file's server starts from a copy (e2e/harness.ts).
          globalSetup: ["e2e/global-setup.ts"],
          // One API server and one browser; the scenario steps run in order.
          fileParallelism: false,
        },
      },
    ],
  },
})
