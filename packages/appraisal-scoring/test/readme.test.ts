import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { expect, it } from "vitest"

// The README's example is run as it is written (its import pointed at the source), so it cannot go stale.
it("the README's example runs and prints what the README says", async () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8")
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
  expect(block, "README.md has a ```ts example").toBeDefined()
  const code = (block ?? "").replace('from "@xianfeng/appraisal-scoring"', 'from "../src/index.js"')
  const expected = [...(block ?? "").matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1])
  const file = join(import.meta.dirname, `readme-example-${process.pid}.tmp.ts`)
  const printed: string[] = []
  const log = console.log
  writeFileSync(file, code)
  try {
    console.log = (...args: unknown[]) => printed.push(args.join(" "))
    await import(file)
  } finally {
    console.log = log
    rmSync(file, { force: true })
  }
  expect(printed).toEqual(expected)
})
