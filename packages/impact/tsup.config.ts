import { defineConfig } from "tsup"

export default defineConfig({
  // `cli` is its own entry: the API imports `.` (the engine and the adapters), never the demo or the builder.
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
})
