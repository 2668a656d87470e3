// The changeset check refuses what `changeset version` refuses — a private package named in a changeset, with or
// without published ones, and a package the workspace lacks — from the files alone, and the repository's own
// changesets pass it.
import assert from "node:assert/strict"
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { fileURLToPath } from "node:url"
import { changesetProblems, namedPackages } from "./changeset-check.mjs"

const repo = fileURLToPath(new URL("..", import.meta.url))
const script = fileURLToPath(new URL("./changeset-check.mjs", import.meta.url))

/** A scratch workspace with a published @xianfeng/db, a private @xianfeng/demo and api, and `changesets`. */
const workspace = (changesets) => {
  const root = mkdtempSync(join(tmpdir(), "changeset-check-test-"))
  const pkg = (dir, manifest) => {
    mkdirSync(join(root, dir), { recursive: true })
    writeFileSync(join(root, dir, "package.json"), JSON.stringify(manifest))
  }
  pkg("packages/db", { name: "@xianfeng/db", version: "1.0.0" })
  pkg("packages/demo", { name: "@xianfeng/demo", version: "0.0.0", private: true })
  pkg("apps/api", { name: "@xianfeng/api", version: "0.0.0", private: true })
  mkdirSync(join(root, ".changeset"))
  writeFileSync(join(root, ".changeset/README.md"), "# Changesets\n")
  for (const [name, text] of Object.entries(changesets)) writeFileSync(join(root, ".changeset", name), text)
  return { root, done: () => rmSync(root, { recursive: true, force: true }) }
}

test("the repository's changesets name only published packages", () => {
  assert.deepEqual(changesetProblems(repo), [])
})

test("a changeset naming @xianfeng/demo beside a published package fails, naming both", () => {
  const w = workspace({
    "demo-and-db.md": '---\n"@xianfeng/db": minor\n"@xianfeng/demo": minor\n---\n\nSomething.\n',
  })
  try {
    const problems = changesetProblems(w.root)
    assert.equal(problems.length, 1)
    assert.match(
      problems[0],
      /demo-and-db\.md: names the private package @xianfeng\/demo beside @xianfeng\/db/,
    )
  } finally {
    w.done()
  }
})

test("a changeset naming only private packages fails, as does one naming a package the workspace lacks", () => {
  const w = workspace({
    "alone.md": "---\n'@xianfeng/demo': patch\n\"@xianfeng/api\": patch\n---\n\nx\n",
    "typo.md": '---\n"@xianfeng/dbb": patch\n---\n\nx\n',
    "fine.md": '---\n"@xianfeng/db": patch\n---\n\nx\n',
  })
  try {
    assert.deepEqual(changesetProblems(w.root), [
      ".changeset/alone.md: names the private packages @xianfeng/demo, @xianfeng/api; private packages are never versioned, so changeset version refuses it (name only published ones)",
      ".changeset/typo.md: @xianfeng/dbb is not a package of the workspace",
    ])
  } finally {
    w.done()
  }
})

test("front matter is read quoted or not; a file without any is a problem", () => {
  assert.deepEqual(namedPackages('---\n"@xianfeng/db": minor\n@xianfeng/core: patch\n---\n\ntext: no\n'), [
    "@xianfeng/db",
    "@xianfeng/core",
  ])
  const w = workspace({ "bare.md": "Just text.\n" })
  try {
    assert.match(changesetProblems(w.root).join("\n"), /bare\.md: no front matter/)
  } finally {
    w.done()
  }
})

test("run alone, it exits 0 on the repository", () => {
  execFileSync(process.execPath, [script], { cwd: repo, stdio: "pipe" })
})
