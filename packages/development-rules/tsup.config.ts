import { defineConfig } from "tsup"

export default defineConfig({
  // `testing` is its own entry: example data imports it, the rules' `.` entry never pulls it in. `glossary`
  // too: plain data the admin bundles without the rules.
  entry: { index: "src/index.ts", testing: "src/testing.ts", glossary: "src/glossary.ts" },
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
})
