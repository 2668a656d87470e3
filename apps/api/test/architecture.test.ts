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

describe("every query has one home", () => {
  it("no route file imports drizzle-orm: routes call the query modules of @xianfeng/db", () => {
    expect(
      sourcesUnder(join(apiRoot, "src", "routes"))
        .filter(importsDrizzle)
        .map(relativeToRepo),
    ).toEqual([])
  })

  it("no area's routes import another area's route files", () => {
    const routes = join(apiRoot, "src", "routes")
    const crossing = sourcesUnder(routes).flatMap((file) => {
      const area = relative(routes, file).split(/[\\/]/)[0]
      const text = readFileSync(file, "utf8")
      return [...text.matchAll(/from\s+["'](\.\.\/[^"']+)["']/g)]
        .map((m) => m[1] ?? "")
        .filter((spec) => /^\.\.\/(?!\.\.)[^/]+\//.test(spec) && !spec.startsWith(`../${area}/`))
        .map((spec) => `${relativeToRepo(file)} → ${spec}`)
    })
    expect(crossing).toEqual([])
  })
})

describe("configuration is read in one place", () => {
  const readsEnv = (file: string) => /\bprocess\.env\b/.test(readFileSync(file, "utf8"))

  it("only apps/api/src/config.ts reads process.env", () => {
    expect(sourcesUnder(join(apiRoot, "src")).filter(readsEnv).map(relativeToRepo)).toEqual([
      "apps/api/src/config.ts",
    ])
  })

  it("the bench reads it only in apps/bench/src/config.ts", () => {
    expect(
      sourcesUnder(join(repoRoot, "apps", "bench", "src"))
        .filter(readsEnv)
        .map(relativeToRepo),
    ).toEqual(["apps/bench/src/config.ts"])
  })

  it("the command line reads it only in apps/cli/src/config.ts", () => {
    expect(
      sourcesUnder(join(repoRoot, "apps", "cli", "src"))
        .filter(readsEnv)
        .map(relativeToRepo),
    ).toEqual(["apps/cli/src/config.ts"])
  })

  it("no package reads it but the database's command lines (packages/db/src/cli: verify, prune, grant-role) and its test support", () => {
    const packages = join(repoRoot, "packages")
    const readers = readdirSync(packages)
      .flatMap((p) => sourcesUnder(join(packages, p, "src")))
      .filter(readsEnv)
      .map(relativeToRepo)
    expect([...readers].sort()).toEqual([
      "packages/db/src/cli/grant-role.ts",
      "packages/db/src/cli/prune-audit.ts",
      "packages/db/src/cli/verify-audit.ts",
      // The test entry (`@xianfeng/db/testing`, never imported by the API): a test run's global set-up hands its
      // migrated empty database (PGlite dump folder, PostgreSQL template name) to the test workers this way.
      "packages/db/src/testing.ts",
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
