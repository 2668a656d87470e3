import { expect, test } from "vitest"
import { benchConfig } from "../src/config.js"
import { KEPT_MARKER, keepHandWritten } from "../src/report.js"

test("BENCH_ONLY selects the API's rows, and nothing but a known selection is taken", () => {
  expect(benchConfig({}).only).toBeUndefined()
  expect(benchConfig({ BENCH_ONLY: "" }).only).toBeUndefined()
  expect(benchConfig({ BENCH_ONLY: "api", BENCH_SCALE: "small" })).toMatchObject({
    only: ["api"],
    small: true,
  })
  expect(benchConfig({ BENCH_ONLY: "import, rules" }).only).toEqual(["import", "rules"])
  expect(() => benchConfig({ BENCH_ONLY: "speed" })).toThrow(/BENCH_ONLY names "speed"/)
})

test("a new report keeps the hand-written part of the old one, and only that", () => {
  const kept = `${KEPT_MARKER}\n\n## Before/after\n\nwritten by hand\n`
  expect(keepHandWritten(`# Benchmarks\n\nold table\n\n${kept}`, "# Benchmarks\n\nnew table\n")).toBe(
    `# Benchmarks\n\nnew table\n\n${kept}`,
  )
  expect(keepHandWritten("# Benchmarks\n\nold table\n", "# Benchmarks\n\nnew table\n")).toBe(
    "# Benchmarks\n\nnew table\n",
  )
  expect(keepHandWritten(undefined, "new\n")).toBe("new\n")
})

test("BENCH_API_PROCESSES runs the API on PostgreSQL as its default of one process unless told otherwise", () => {
  expect(benchConfig({}).apiProcesses).toBe(1)
  expect(benchConfig({ BENCH_API_PROCESSES: "2" }).apiProcesses).toBe(2)
  expect(() => benchConfig({ BENCH_API_PROCESSES: "two" })).toThrow(/BENCH_API_PROCESSES/)
})

test("the small mode loads a 20,000-member district into PostgreSQL, the full mode the province, unless told", () => {
  expect(benchConfig({ BENCH_SCALE: "small", BENCH_ONLY: "api" }).pgMembers).toBe(20_000)
  expect(benchConfig({}).pgMembers).toBe(1_000_000)
  expect(benchConfig({ BENCH_SCALE: "small", BENCH_PG_MEMBERS: "50000" }).pgMembers).toBe(50_000)
})
