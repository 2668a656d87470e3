import { defineConfig } from "tsup"

export default defineConfig({
  // `testing` is its own entry: example data imports it, the rules' `.` entry never pulls it in.
  entry: { index: "src/index.ts", testing: "src/testing.ts" },
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
  // The official calendar is inlined at build time, so the package reads no JSON at run time.
  noExternal: [/chinese-days/],
})
