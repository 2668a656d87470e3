import { defineConfig } from "tsup"

export default defineConfig({
  entry: [
    "src/main.ts",
    "src/load-worker.ts",
    "src/baseline-server.ts",
    "src/bare-server.ts",
    "src/morning-driver.ts",
  ],
  format: ["esm"],
  target: "node20",
  sourcemap: true,
  clean: true,
  dts: false,
})
