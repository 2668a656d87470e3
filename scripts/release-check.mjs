#!/usr/bin/env node
// `pnpm release:check`: proves a release installs before it is published. On a scratch copy of the tree
// (never the real one) it runs `changeset version`, packs every public package (packages/* without
// "private": true) with pnpm, checks what each tarball holds, installs each from its tarball — workspace
// dependencies from the other tarballs, the rest from the npm registry — into a fresh folder with npm, and
// runs the package README's ```ts example there with tsx, checking what it prints against the `// …`
// comment of each console.log line ("…" stands for any text).
import { execFileSync } from "node:child_process"
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join, posix, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { changesetProblems } from "./changeset-check.mjs"
import { secretsIn } from "./secret-patterns.mjs"

const repo = fileURLToPath(new URL("..", import.meta.url))
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0", npm_config_fund: "false" }
const run = (cwd, command, args) =>
  execFileSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  })

/** The public packages of a tree: `packages/*` whose package.json does not say `"private": true`. */
export const publicPackages = (root) =>
  readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, "packages", d.name, "package.json")))
    .map((d) => ({
      dir: join(root, "packages", d.name),
      manifest: JSON.parse(readFileSync(join(root, "packages", d.name, "package.json"), "utf8")),
    }))
    .filter((p) => p.manifest.private !== true)

/** The public packages of a tree that have no `dist/` yet, each as a problem naming it (`build: false`). */
export const unbuiltProblems = (root) =>
  publicPackages(root)
    .filter((p) => !existsSync(join(p.dir, "dist")))
    .map(
      (p) =>
        `${p.manifest.name}: not built (no dist/; run \`pnpm build\`, or the check without build: false)`,
    )

/**
 * What is wrong with a tarball's contents, given its file list (paths inside `package/`) and a reader of a
 * file's text: a README is required; only package.json, README, LICENSE, CHANGELOG.md, dist/ and the
 * folders the manifest's `files` names (db's migrations and bin) may be there; never a test, source (.ts
 * other than .d.ts), an env file, a source map of code outside the package, or a credential.
 */
export const tarballProblems = (entries, read, manifest) => {
  const problems = []
  const files = entries.map((e) => e.replace(/^package\//, ""))
  if (!files.some((f) => /^README(\.md)?$/i.test(f))) problems.push("no README.md")
  if (!files.includes("package.json")) problems.push("no package.json")
  if (!files.some((f) => f.startsWith("dist/"))) problems.push("no dist/")
  const declared = (manifest.files ?? []).map((f) => f.replace(/\/$/, ""))
  for (const f of files) {
    const top = f.split("/")[0]
    const root = f === top
    if (
      root &&
      !/^(package\.json|README(\.md)?|LICEN[SC]E(\.md|\.txt)?|CHANGELOG\.md)$/i.test(f) &&
      !declared.includes(f)
    )
      problems.push(`${f}: not a file a package ships`)
    if (!root && top !== "dist" && !declared.includes(top))
      problems.push(`${f}: outside dist/ and the declared files`)
    if (/(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(f)) problems.push(`${f}: a test`)
    if (/(^|\/)src\//.test(f) || (/\.[cm]?tsx?$/.test(f) && !/\.d\.[cm]?ts$/.test(f)))
      problems.push(`${f}: source`)
    if (/(^|\/)\.env(\.|$)|\.pem$|\.key$/.test(f)) problems.push(`${f}: a secret file`)
    if (f.endsWith(".map")) {
      const map = JSON.parse(read(f))
      for (const s of map.sources ?? []) {
        const at = posix.normalize(posix.join(posix.dirname(f), s))
        if (at.startsWith("../") && !at.includes("node_modules/"))
          problems.push(`${f}: maps code outside the package (${s})`)
      }
    }
    if (/\.(js|mjs|cjs|json|md|sql|d\.ts|map)$/.test(f))
      for (const s of secretsIn(read(f))) problems.push(`${f}:${s.line}: ${s.name}`)
  }
  return problems
}

/** The `catalog:` of pnpm-workspace.yaml (one `name: version` a line). */
const catalogOf = (root) => {
  const out = new Map()
  let inCatalog = false
  for (const line of readFileSync(join(root, "pnpm-workspace.yaml"), "utf8").split("\n")) {
    if (/^\S/.test(line)) inCatalog = line.trim() === "catalog:"
    else if (inCatalog) {
      const m = /^\s+"?([^":]+)"?:\s*(\S+)\s*$/.exec(line)
      if (m?.[1] && m[2]) out.set(m[1], m[2])
    }
  }
  return out
}

/**
 * Rewrites the public packages' manifests in `root` as pnpm publishes them: `workspace:^` → `^<version>`,
 * `workspace:*` → `<version>`, `catalog:` → the catalog's range (an `npm:` alias kept as it is).
 */
export const resolveRanges = (root) => {
  const catalog = catalogOf(root)
  const versions = new Map(
    readdirSync(join(root, "packages"))
      .filter((d) => existsSync(join(root, "packages", d, "package.json")))
      .map((d) => JSON.parse(readFileSync(join(root, "packages", d, "package.json"), "utf8")))
      .map((m) => [m.name, m.version]),
  )
  for (const p of publicPackages(root)) {
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
      const deps = p.manifest[field]
      if (!deps) continue
      for (const [name, range] of Object.entries(deps)) {
        if (range.startsWith("workspace:")) {
          const r = range.slice("workspace:".length)
          const v = versions.get(name)
          if (v === undefined) throw new Error(`${p.manifest.name}: ${name} is not in the workspace`)
          deps[name] = r === "*" ? v : r === "^" || r === "~" ? `${r}${v}` : r
        } else if (range === "catalog:") {
          const v = catalog.get(name)
          if (v === undefined) throw new Error(`${p.manifest.name}: ${name} is not in the catalog`)
          deps[name] = v
        }
      }
    }
    writeFileSync(join(p.dir, "package.json"), `${JSON.stringify(p.manifest, null, 2)}\n`)
  }
}

/** Lists and reads a .tgz through tar (no dependency). */
const tarball = (file) => {
  const entries = run(dirname(file), "tar", ["-tzf", file])
    .split("\n")
    .filter((e) => e && !e.endsWith("/"))
  const read = (f) => run(dirname(file), "tar", ["-xzOf", file, `package/${f}`])
  return { entries, read }
}

/** The problems of one .tgz (see `tarballProblems`) and its file count. */
export const checkTarball = (file, manifest) => {
  const { entries, read } = tarball(file)
  return { files: entries.length, problems: tarballProblems(entries, read, manifest), read }
}

/** The README's first ```ts block, and the expected output: each console.log line's `// …` comment. */
export const readmeExample = (readme) => {
  const m = /```ts\n([\s\S]*?)```/.exec(readme)
  if (!m) return undefined
  const code = m[1] ?? ""
  const expected = code
    .split("\n")
    .filter((l) => l.includes("console.log("))
    .map((l) => /\)\s*\/\/\s*(.+)$/.exec(l)?.[1]?.trim())
    .filter((x) => x !== undefined)
  return { code, expected }
}

/** Output and expectation compared without spacing and quotes (`[ 'talk' ]` is `["talk"]`); "…" is any text. */
const norm = (s) => s.replace(/[\s'"]/g, "")
const matches = (line, expected) => {
  const parts = norm(expected)
    .split("…")
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  return new RegExp(`^${parts.join(".*")}$`).test(norm(line))
}

/** The expected lines that the output does not show, in order (each may be preceded by other lines). */
export const missingOutput = (output, expected) => {
  const lines = output.split("\n")
  let at = 0
  const missing = []
  for (const e of expected) {
    const i = lines.findIndex((l, k) => k >= at && matches(l, e))
    if (i < 0) missing.push(e)
    else at = i + 1
  }
  return missing
}

/**
 * The whole check; `{ packages, problems }`. `only` limits it to some package names (the test's small form);
 * `keep` leaves the scratch folder for a look. `build: false` packs the public packages as they are built
 * already instead of building them first (a package without `dist/` is then a problem named): the test does so
 * inside `pnpm test`, whose turbo run builds them before the scripts' tests (turbo.json) — a second turbo build
 * of the same tree beside that run once rewrote a package's `dist/` while the other was compiling against it.
 */
export const releaseCheck = ({ only, keep = false, log = () => {}, build = true } = {}) => {
  // What `changeset version` would refuse is said at once, by name, instead of as its error minutes in.
  const refused = changesetProblems(repo)
  if (refused.length > 0) return { packages: [], problems: refused, scratch: undefined }
  if (!build) {
    const unbuilt = unbuiltProblems(repo)
    if (unbuilt.length > 0) return { packages: [], problems: unbuilt, scratch: undefined }
  }
  const scratch = mkdtempSync(join(tmpdir(), "xianfeng-release-"))
  const problems = []
  try {
    if (build) {
      log("building the public packages")
      run(repo, "pnpm", [
        "turbo",
        "run",
        "build",
        "--output-logs=errors-only",
        // Every public package is packed and its contents checked, whatever `only` installs, so all are built
        // (a fresh clone has no dist/ yet).
        ...publicPackages(repo).map((p) => `--filter=${p.manifest.name}...`),
      ])
    }
    // The scratch copy: tracked and new files as they are in the working tree, plus the builds.
    const tree = join(scratch, "tree")
    const files = run(repo, "git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]).split(
      "\0",
    )
    for (const f of files)
      if (f && existsSync(join(repo, f))) cpSync(join(repo, f), join(tree, f), { recursive: true })
    for (const p of publicPackages(repo))
      cpSync(join(p.dir, "dist"), join(tree, "packages", basename(p.dir), "dist"), { recursive: true })
    log("changeset version (on the scratch copy)")
    run(tree, join(repo, "node_modules/.bin/changeset"), ["version"])
    // What pnpm publish would write for workspace: and catalog: ranges, written here so that packing needs
    // no install of the scratch copy.
    resolveRanges(tree)
    const packed = join(scratch, "tarballs")
    mkdirSync(packed)
    const all = publicPackages(tree)
    const tgz = new Map()
    for (const p of all) {
      const out = run(p.dir, "pnpm", ["pack", "--pack-destination", packed, "--json"])
      const file = JSON.parse(out).filename
      tgz.set(p.manifest.name, resolve(packed, file))
    }
    const out = []
    const manifests = new Map(all.map((p) => [p.manifest.name, p.manifest]))
    /** The package's tarball and those of its workspace dependencies, transitively. */
    const localOf = (name, seen = new Set()) => {
      if (seen.has(name) || !tgz.has(name)) return seen
      seen.add(name)
      for (const d of Object.keys(manifests.get(name)?.dependencies ?? {})) localOf(d, seen)
      return seen
    }
    for (const p of all) {
      // Every tarball's contents are checked; only those named (all by default) are installed and tried.
      const name = p.manifest.name
      const file = tgz.get(name)
      const { files: count, problems: contents, read } = checkTarball(file, p.manifest)
      for (const x of contents) problems.push(`${name}: ${x}`)
      if ((only && !only.includes(name)) || contents.includes("no README.md")) continue
      // Workspace dependencies come from their tarballs, the rest from the registry.
      const local = [...localOf(name)].map((d) => tgz.get(d))
      const example = readmeExample(read("README.md"))
      const app = join(scratch, `app-${basename(p.dir)}`)
      mkdirSync(app)
      writeFileSync(join(app, "package.json"), JSON.stringify({ name: "try", private: true, type: "module" }))
      log(`${name}@${p.manifest.version}: npm install from its tarball`)
      try {
        run(app, "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...local])
      } catch (e) {
        problems.push(`${name}: does not install: ${String(e.stderr ?? e).slice(0, 2000)}`)
        continue
      }
      if (example === undefined) {
        problems.push(`${name}: the README has no \`\`\`ts example`)
        continue
      }
      writeFileSync(join(app, "example.ts"), example.code)
      try {
        const printed = run(app, join(repo, "node_modules/.bin/tsx"), ["example.ts", join(app, "data")])
        for (const m of missingOutput(printed, example.expected))
          problems.push(`${name}: the README example did not print ${m}\n--- it printed:\n${printed}`)
      } catch (e) {
        problems.push(`${name}: the README example failed: ${String(e.stderr ?? e).slice(0, 2000)}`)
      }
      out.push({ name, version: p.manifest.version, files: count })
    }
    return { packages: out, problems, scratch }
  } finally {
    if (!keep) rmSync(scratch, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const only = args.filter((a) => !a.startsWith("--"))
  const r = releaseCheck({
    only: only.length > 0 ? only : undefined,
    keep: args.includes("--keep"),
    log: (m) => console.log(`release check: ${m}`),
  })
  for (const p of r.packages)
    console.log(
      `release check: ${p.name}@${p.version} packs ${p.files} files, installs, and its README example runs`,
    )
  if (r.problems.length > 0) {
    console.error(`release check: ${r.problems.length} problem(s):\n${r.problems.join("\n")}`)
    process.exit(1)
  }
}
