#!/usr/bin/env node
// `pnpm gen:area <area> [--package <name>] [--zh <标题>] [--en <Title>] [--skip-install]`
//
// Lays out a new area of party work the way the house has it (docs/architecture.md, "Where a new area plugs
// in"): the pure rules package, the db schema file with its migration and its query module, the API routes
// folder with its contract and permissions, the admin pages folder with its locales, the demo district's
// contributor, and one entry in each registry. Every file it writes comes from scripts/gen-area/templates/,
// with the names filled in; the result builds, typechecks, lints and passes its own tests (gen-area.test.mjs
// proves it on a scratch copy of the repository).
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const templates = join(here, "gen-area", "templates")

/** The names of an area in every form the templates use. */
export const namesOf = (area, pkg, zh, en) => {
  const words = area.split("-")
  const camel = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("")
  return {
    __area__: area,
    __areaCamel__: camel,
    __AreaPascal__: camel[0].toUpperCase() + camel.slice(1),
    __AREA_CODE__: area.toUpperCase(),
    __area_snake__: words.join("_"),
    __package__: pkg,
    __titleZh__: zh,
    __titleEn__: en,
  }
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
/** Areas and packages that exist in every checkout, whatever the folders say. */
const RESERVED = new Set([
  "platform",
  "development",
  "core",
  "db",
  "demo",
  "api",
  "admin",
  "bench",
  "auth",
  "shell",
])

/** What the generator writes and changes, for a repository at `root`; refuses what would clash. */
export const planArea = (root, { area, pkg, zh, en }) => {
  const problems = []
  if (!KEBAB.test(area ?? ""))
    problems.push(`area "${area ?? ""}": use lower-case words joined by "-" (e.g. discipline, care)`)
  if (!KEBAB.test(pkg ?? ""))
    problems.push(`--package "${pkg ?? ""}": use lower-case words joined by "-" (e.g. care-ledger)`)
  if (RESERVED.has(area)) problems.push(`area "${area}" is taken by the platform`)
  if (problems.length > 0) return { problems, files: [] }
  const names = namesOf(area, pkg, zh || area, en || area)
  // Each token exactly, longest first, so `xf___area_snake__` becomes `xf_care_sample`.
  const tokens = Object.keys(names).sort((a, b) => b.length - a.length)
  const fill = (text) => tokens.reduce((out, token) => out.replaceAll(token, names[token]), text)
  const files = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry)
      if (statSync(full).isDirectory()) walk(full)
      else if (entry.endsWith(".tpl")) {
        const target = fill(relative(templates, full)).replace(/\.tpl$/, "")
        files.push({ target, text: fill(readFileSync(full, "utf8")) })
      }
    }
  }
  walk(templates)
  for (const taken of [
    `packages/${pkg}`,
    `packages/db/src/${area}`,
    `packages/db/src/schema/${area}.ts`,
    `packages/demo/src/${area}`,
    `apps/api/src/routes/${area}`,
    `apps/admin/src/pages/${area}`,
  ]) {
    if (existsSync(join(root, taken))) problems.push(`${taken} exists already: the area or package is taken`)
  }
  return { problems, files, names, fill }
}

const edit = (root, file, change) => {
  const path = join(root, file)
  const before = readFileSync(path, "utf8")
  const after = change(before)
  if (after === before) throw new Error(`${file}: found nowhere to register the area`)
  writeFileSync(path, after)
}

/** Adds `line` after the last import of a module. */
const addImport = (source, line) => {
  const imports = [...source.matchAll(/^import [^;]*?from "[^"]+"\n/gms)]
  const last = imports.at(-1)
  if (last === undefined) return `${line}\n${source}`
  const at = (last.index ?? 0) + last[0].length
  return `${source.slice(0, at)}${line}\n${source.slice(at)}`
}

/** Appends `entry` to the array or object literal that follows `anchor` (its closing bracket, at depth 0). */
const appendTo = (source, anchor, entry) => {
  const start = source.indexOf(anchor)
  if (start < 0) return source
  const open = start + anchor.length - 1
  const closer = source[open] === "[" ? "]" : "}"
  let depth = 0
  for (let i = open; i < source.length; i++) {
    const ch = source[i]
    if (ch === "[" || ch === "{" || ch === "(") depth++
    else if (ch === "]" || ch === "}" || ch === ")") {
      depth--
      if (depth === 0) {
        if (ch !== closer) return source
        const inner = source.slice(open + 1, i).trimEnd()
        const separator = inner.endsWith(",") || inner.trim() === "" ? "" : ","
        return `${source.slice(0, open + 1)}${inner}${separator} ${entry}${source.slice(open + 1 + inner.length)}`
      }
    }
  }
  return source
}

/** The registries: one entry each, the only existing source files the generator changes. */
export const registries = [
  "apps/api/src/areas.ts",
  "apps/admin/src/areas.ts",
  "packages/db/src/index.ts",
  "packages/db/src/schema/index.ts",
  "packages/demo/src/contributors.ts",
]
/** Manifests that name the new package as a dependency, and what the package manager and drizzle-kit keep. */
export const manifests = [
  "apps/api/package.json",
  "packages/demo/package.json",
  "pnpm-lock.yaml",
  "packages/db/drizzle/meta/_journal.json",
]

const register = (root, n) => {
  edit(root, "apps/api/src/areas.ts", (s) =>
    appendTo(
      addImport(s, `import { ${n.__areaCamel__}Routes } from "./routes/${n.__area__}/index.js"`),
      "allRoutes: readonly AnyRoute[] = [",
      `...${n.__areaCamel__}Routes`,
    ),
  )
  edit(root, "apps/admin/src/areas.ts", (s) =>
    appendTo(
      addImport(s, `import ${n.__areaCamel__} from "./pages/${n.__area__}"`),
      "areas: readonly Area[] = [",
      n.__areaCamel__,
    ),
  )
  edit(root, "packages/db/src/index.ts", (s) => `${s.trimEnd()}\nexport * from "./${n.__area__}/index.js"\n`)
  edit(root, "packages/db/src/schema/index.ts", (s) =>
    appendTo(
      addImport(s, `import { ${n.__areaCamel__}Tables } from "./${n.__area__}.js"`).replace(
        /(export \* from "\.\/platform\.js"\n)/,
        `$1export * from "./${n.__area__}.js"\n`,
      ),
      "export const tables = {",
      `...${n.__areaCamel__}Tables`,
    ),
  )
  edit(root, "packages/demo/src/contributors.ts", (s) =>
    appendTo(
      addImport(s, `import { ${n.__areaCamel__}Contributor } from "./${n.__area__}/index.js"`),
      "contributors: readonly DemoContributor[] = [",
      `${n.__areaCamel__}Contributor`,
    ),
  )
  for (const manifest of ["apps/api/package.json", "packages/demo/package.json"]) {
    edit(root, manifest, (s) => {
      const json = JSON.parse(s)
      json.dependencies = Object.fromEntries(
        Object.entries({ ...json.dependencies, [`@xianfeng/${n.__package__}`]: "workspace:^" }).sort(
          ([a], [b]) => a.localeCompare(b),
        ),
      )
      return `${JSON.stringify(json, null, 2)}\n`
    })
  }
}

const run = (root, command, args, sub = ".") => {
  console.log(`gen:area: ${command} ${args.join(" ")}`)
  execFileSync(command, args, {
    cwd: join(root, sub),
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  })
}

/**
 * The second wall for the sample table: a custom migration (drizzle-kit's `--custom`, so it stays apart from
 * the generated one and can be renumbered at merge) with its row-level-security policy, from
 * scripts/gen-area/row-level-security.sql.tpl.
 */
const writeRowLevelSecurity = (root, plan) => {
  const name = `${plan.names.__area_snake__}_row_level_security`
  run(root, "pnpm", ["exec", "drizzle-kit", "generate", "--custom", "--name", name], "packages/db")
  const folder = join(root, "packages/db/drizzle")
  const file = readdirSync(folder)
    .filter((f) => f.endsWith(`_${name}.sql`))
    .sort()
    .at(-1)
  if (file === undefined) throw new Error(`drizzle-kit wrote no migration named ${name}`)
  const text = readFileSync(join(here, "gen-area", "row-level-security.sql.tpl"), "utf8")
  writeFileSync(join(folder, file), plan.fill(text))
}

/** Writes the area into the repository at `root`. Returns the files written. */
export const generateArea = (root, options) => {
  const plan = planArea(root, options)
  if (plan.problems.length > 0) throw new Error(plan.problems.join("\n"))
  for (const f of plan.files) {
    mkdirSync(dirname(join(root, f.target)), { recursive: true })
    writeFileSync(join(root, f.target), f.text)
  }
  register(root, plan.names)
  if (!options.skipInstall) {
    run(root, "pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"])
    // drizzle-kit loads the schema, which imports core's vocabulary from its build.
    run(root, "pnpm", ["turbo", "run", "build", "--filter=@xianfeng/db^..."])
    run(root, "pnpm", ["exec", "drizzle-kit", "generate", "--name", plan.names.__area_snake__], "packages/db")
    writeRowLevelSecurity(root, plan)
  }
  const written = plan.files.map((f) => f.target)
  run(root, "pnpm", [
    "exec",
    "biome",
    "check",
    "--write",
    ...written.filter((f) => /\.(ts|tsx|json)$/.test(f)),
    ...registries,
  ])
  return written
}

const parseArgs = (argv) => {
  const options = { area: undefined, pkg: undefined, zh: "", en: "", skipInstall: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === "--package") options.pkg = argv[++i]
    else if (a === "--zh") options.zh = argv[++i] ?? ""
    else if (a === "--en") options.en = argv[++i] ?? ""
    else if (a === "--skip-install") options.skipInstall = true
    else if (a === "--help" || a === "-h") options.help = true
    else if (options.area === undefined) options.area = a
    else throw new Error(`unexpected argument "${a}"`)
  }
  options.pkg ??= options.area === undefined ? undefined : `${options.area}-rules`
  return options
}

const usage = `usage: pnpm gen:area <area> [--package <name>] [--zh <中文名>] [--en <English name>] [--skip-install]
  <area>       the area's id, lower-case words joined by "-" (routes /api/<area>, pages /<area>)
  --package    the rules package's name under @xianfeng/ (default <area>-rules)
  --zh, --en   the area's name in the menu and the docs`

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2))
    if (options.help || options.area === undefined) {
      console.log(usage)
      process.exit(options.help ? 0 : 2)
    }
    const root = join(here, "..")
    const written = generateArea(root, options)
    console.log(`\ngen:area: wrote ${written.length} files and registered "${options.area}" in:`)
    for (const r of [...registries, ...manifests]) console.log(`  ${r}`)
    console.log("Next: replace the sample rule with the area's own, then `pnpm test`.")
  } catch (e) {
    console.error(`gen:area: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  }
}
