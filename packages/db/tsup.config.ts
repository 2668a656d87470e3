import { defineConfig } from "tsup"

export default defineConfig({
  entry: { index: "src/index.ts", "verify-audit": "src/cli/verify-audit.ts" },
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
})
