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
          // expect.poll waits for what the page or the API should come to show. Its default of 1 s is shorter than a
          // write takes on a loaded CI machine (an escalation's poll timed out at 1 s in CI, 1 Dec); a poll that never
          // reaches its value still fails, only later.
          expect: { poll: { timeout: 20_000 } },
          // The demo district is loaded once per run; each file's server starts from a copy (e2e/harness.ts).
          globalSetup: ["e2e/global-setup.ts"],
          // One API server and one browser; the scenario steps run in order.
          fileParallelism: false,
        },
      },
    ],
  },
})
