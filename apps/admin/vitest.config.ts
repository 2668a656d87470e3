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
          // Generous: on a shared, loaded machine the demo district alone takes over 2 min to load.
          testTimeout: 600_000,
          hookTimeout: 400_000,
          // One API server and one browser; the scenario steps run in order.
          fileParallelism: false,
        },
      },
    ],
  },
})
