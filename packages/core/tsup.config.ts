import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
  // The official calendar is inlined at build time, so the package reads no JSON at run time.
  noExternal: [/chinese-days/],
})
