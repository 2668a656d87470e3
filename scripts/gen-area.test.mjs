// The generator proves the house: on a scratch copy of this repository it lays out a new area, and the
// result installs, builds, typechecks, lints and passes the area's own tests on every backend, with no
// existing file changed but the registries and the manifests that name the new package.
import assert from "node:assert/strict"
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { fileURLToPath } from "node:url"
import { manifests, planArea, registries } from "./gen-area.mjs"

const repo = fileURLToPath(new URL("..", import.meta.url))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" }
const sh = (cwd, command, args) =>
  execFileSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  })

test("refuses a name that is not kebab-case, a platform name, and an area that exists", () => {
  assert.match(
    planArea(repo, { area: "Care_Ledger", pkg: "care-ledger" }).problems.join(),
    /lower-case words/,
  )
  assert.match(planArea(repo, { area: "platform", pkg: "x-rules" }).problems.join(), /taken by the platform/)
  assert.match(
    planArea(repo, { area: "x", pkg: "development-rules" }).problems.join(),
    /packages\/development-rules exists already/,
  )
})

test("a generated area builds, typechecks, lints and passes its tests; only registries change", {
  timeout: 20 * 60_000,
}, () => {
  const scratch = mkdtempSync(join(tmpdir(), "xf-gen-area-"))
  try {
    // The repository as it is in this checkout (tracked files and new ones git does not ignore).
    execFileSync(
      "sh",
      ["-c", `git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C '${scratch}'`],
      {
        cwd: repo,
      },
    )
    sh(scratch, "git", ["init", "-q"])
    sh(scratch, "git", ["add", "-A"])
    sh(scratch, "git", [
      "-c",
      "user.name=gen",
      "-c",
      "user.email=gen@xianfeng.invalid",
      "commit",
      "-qm",
      "base",
    ])
    sh(scratch, "pnpm", ["install", "--frozen-lockfile", "--prefer-offline"])

    sh(scratch, "node", [
      "scripts/gen-area.mjs",
      "care-sample",
      "--package",
      "care-sample-rules",
      "--zh",
      "关怀样例",
      "--en",
      "Care sample",
    ])

    const status = sh(scratch, "git", ["status", "--porcelain", "-uall"])
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, 2).trim(), l.slice(3)])
    const changed = status.filter(([s]) => s !== "??").map(([, f]) => f)
    assert.deepEqual(
      changed.filter((f) => ![...registries, ...manifests].includes(f)),
      [],
      "only the registries and manifests change",
    )
    const added = status.filter(([s]) => s === "??").map(([, f]) => f)
    const newPlaces = [
      "packages/care-sample-rules/",
      "packages/db/src/care-sample/",
      "packages/db/src/schema/care-sample.ts",
      "packages/db/test/care-sample.test.ts",
      "packages/db/drizzle/",
      "packages/demo/src/care-sample/",
      "apps/api/src/routes/care-sample/",
      "apps/api/test/care-sample.test.ts",
      "apps/admin/src/pages/care-sample/",
      ".changeset/care-sample-rules-initial.md",
    ]
    assert.deepEqual(
      added.filter((f) => !newPlaces.some((p) => f.startsWith(p))),
      [],
      "new files only in the area's own places",
    )
    assert.ok(
      added.some((f) => /^packages\/db\/drizzle\/\d{4}_care_sample\.sql$/.test(f)),
      "a migration",
    )
    const rls = added.find((f) =>
      /^packages\/db\/drizzle\/\d{4}_care_sample_row_level_security\.sql$/.test(f),
    )
    assert.ok(rls, "a custom migration with the sample table's row-level security")
    assert.match(readFileSync(join(scratch, rls), "utf8"), /ENABLE ROW LEVEL SECURITY/)
    // Every template token was filled in, in names and in contents.
    const leftovers = added.filter(
      (f) =>
        /__[A-Za-z_]+__/.test(f) ||
        /__(area|Area|AREA|package|title)[A-Za-z_]*__/.test(readFileSync(join(scratch, f), "utf8")),
    )
    assert.deepEqual(leftovers, [], "no template token left")

    const filters = ["care-sample-rules", "db", "demo", "api", "admin"].map((p) => `--filter=@xianfeng/${p}`)
    sh(scratch, "pnpm", ["turbo", "run", "build", "typecheck", ...filters])
    sh(scratch, "pnpm", ["exec", "biome", "check", "."])
    sh(join(scratch, "packages/care-sample-rules"), "pnpm", ["exec", "vitest", "run"])
    sh(join(scratch, "packages/db"), "pnpm", [
      "exec",
      "vitest",
      "run",
      "test/care-sample.test.ts",
      "test/backends.test.ts",
      "test/rls-coverage.test.ts",
    ])
    sh(join(scratch, "apps/api"), "pnpm", [
      "exec",
      "vitest",
      "run",
      "test/care-sample.test.ts",
      "test/architecture.test.ts",
      "test/openapi.test.ts",
    ])
    sh(join(scratch, "apps/admin"), "pnpm", ["exec", "vitest", "run", "--project", "unit"])
  } catch (e) {
    // Show what the failing command printed, not only that it failed.
    if (e && typeof e === "object" && "stdout" in e)
      console.error(String(e.stdout).slice(-8000), String(e.stderr).slice(-8000))
    throw e
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
})
