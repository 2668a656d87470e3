import { defineConfig } from "vitest/config"

// One module graph for all the files (isolate: false): no suite keeps state in modules.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], isolate: false } })
