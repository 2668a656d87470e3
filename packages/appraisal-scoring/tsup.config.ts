import { defineConfig } from "tsup"

export default defineConfig({
  // `testing` is the package's example data, a separate entry that `.` never pulls in.
  entry: { index: "src/index.ts", testing: "src/testing.ts" },
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
})
