#!/usr/bin/env node
// `node scripts/changeset-check.mjs` (part of `pnpm lint`): every `.changeset/*.md` names only published
// workspace packages. `changeset version` refuses a changeset that names a private package (with published ones
// or alone: `privatePackages.version` is false in .changeset/config.json) or a package the workspace does not
// have, and until now only the release check's run of it caught one, minutes into the full test command. This
// reads files only: no install, no build, well under a second.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

/** The workspace's packages (`packages/*` and `apps/*` with a package.json): name → whether it is private. */
export const workspacePackages = (root) => {
  const out = new Map()
  for (const group of ["packages", "apps"]) {
    const dir = join(root, group)
    if (!existsSync(dir)) continue
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const manifest = join(dir, d.name, "package.json")
      if (!d.isDirectory() || !existsSync(manifest)) continue
      const m = JSON.parse(readFileSync(manifest, "utf8"))
      if (typeof m.name === "string") out.set(m.name, m.private === true)
    }
  }
  return out
}

/**
 * The package names a changeset's front matter bumps (`"@xianfeng/db": minor`, quoted or not), in order;
 * `undefined` when the file has no front matter (changesets reads no bump from it either).
 */
export const namedPackages = (text) => {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/.exec(text)
  if (!m) return undefined
  return (m[1] ?? "")
    .split(/\r?\n/)
    .map((l) => /^\s*(["']?)([^"':\s]+)\1\s*:\s*\S+\s*$/.exec(l)?.[2])
    .filter((name) => name !== undefined)
}

/**
 * What `changeset version` would refuse in `root`'s `.changeset/*.md` (README.md aside): a changeset without
 * front matter, one naming a private package (the message lists the private ones and says which published ones,
 * if any, it also names) or a package the workspace does not have. One line per problem, `<file>: <reason>`.
 */
export const changesetProblems = (root) => {
  const dir = join(root, ".changeset")
  if (!existsSync(dir)) return []
  const packages = workspacePackages(root)
  const problems = []
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(".md") || f.toLowerCase() === "readme.md") continue
    const file = relative(root, join(dir, f))
    const names = namedPackages(readFileSync(join(dir, f), "utf8"))
    if (names === undefined) {
      problems.push(`${file}: no front matter (--- "<package>": patch|minor|major ---)`)
      continue
    }
    const unknown = names.filter((n) => !packages.has(n))
    const hidden = names.filter((n) => packages.get(n) === true)
    const published = names.filter((n) => packages.get(n) === false)
    for (const n of unknown) problems.push(`${file}: ${n} is not a package of the workspace`)
    if (hidden.length > 0)
      problems.push(
        `${file}: names the private package${hidden.length > 1 ? "s" : ""} ${hidden.join(", ")}` +
          (published.length > 0 ? ` beside ${published.join(", ")}` : "") +
          "; private packages are never versioned, so changeset version refuses it (name only published ones)",
      )
  }
  return problems
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("..", import.meta.url))
  const problems = changesetProblems(root)
  if (problems.length > 0) {
    console.error(`changeset check: ${problems.length} problem(s):\n${problems.join("\n")}`)
    process.exit(1)
  }
}
