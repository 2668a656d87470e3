import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/server.ts", "src/index.ts", "src/demo-index.ts"],
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
})
