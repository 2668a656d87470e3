import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"

/** Plain file scans for the house rules that types cannot hold. */
const apiRoot = join(import.meta.dirname, "..")
const repoRoot = join(apiRoot, "..", "..")

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  )

const relativeToRepo = (file: string) => relative(repoRoot, file).split("\\").join("/")

const importsDrizzle = (file: string) =>
  /from\s+["']drizzle-orm(\/[^"']*)?["']|import\(\s*["']drizzle-orm/.test(readFileSync(file, "utf8"))

/**
 * Route files that still hold drizzle queries, until the development area's queries move to `@xianfeng/db`.
 * This list may only shrink: a route file that newly imports drizzle-orm fails the test.
 */
const stillImportingDrizzle = new Set([
  "apps/api/src/routes/development/annual-plan.ts",
  "apps/api/src/routes/development/composition.ts",
  "apps/api/src/routes/development/person.ts",
  "apps/api/src/routes/development/pipeline.ts",
  "apps/api/src/routes/development/records.ts",
])

describe("every query has one home", () => {
  it("no route file imports drizzle-orm: routes call the query modules of @xianfeng/db", () => {
    const offenders = sourcesUnder(join(apiRoot, "src", "routes"))
      .filter(importsDrizzle)
      .map(relativeToRepo)
      .filter((f) => !stillImportingDrizzle.has(f))
    expect(offenders).toEqual([])
  })

  it("the allow-list names only files that exist and still import drizzle-orm", () => {
    const importing = new Set(
      sourcesUnder(join(apiRoot, "src", "routes"))
        .filter(importsDrizzle)
        .map(relativeToRepo),
    )
    expect([...stillImportingDrizzle].filter((f) => !importing.has(f))).toEqual([])
  })
})

describe("configuration is read in one place", () => {
  const readsEnv = (file: string) => /\bprocess\.env\b/.test(readFileSync(file, "utf8"))

  it("only apps/api/src/config.ts reads process.env", () => {
    expect(sourcesUnder(join(apiRoot, "src")).filter(readsEnv).map(relativeToRepo)).toEqual([
      "apps/api/src/config.ts",
    ])
  })

  it("the admin never reads process.env", () => {
    expect(
      sourcesUnder(join(repoRoot, "apps", "admin", "src"))
        .filter(readsEnv)
        .map(relativeToRepo),
    ).toEqual([])
  })
})
