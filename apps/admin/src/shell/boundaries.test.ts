import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

// The shell is the frame every area's pages sit in and import; it learns of the areas only from
// what main.tsx hands it. An import of src/areas.ts or of src/pages/** from here would close the
// cycle again (the shell importing pages that import the shell).

const thisFile = fileURLToPath(import.meta.url)
const shellDir = dirname(thisFile)
const srcDir = resolve(shellDir, "..")

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )

/** Every module a source file names: static imports, re-exports and dynamic `import()`. */
const specifiers = (source: string): string[] =>
  [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)].flatMap((m) =>
    m[1] === undefined ? [] : [m[1]],
  )

/** The imports of `file` that reach the area registry or an area's pages, as paths below src/. */
const forbiddenImports = (file: string, source: string): string[] =>
  specifiers(source)
    .filter((s) => s.startsWith("."))
    .map((s) => relative(srcDir, resolve(dirname(file), s)).replaceAll("\\", "/"))
    .filter((p) => p === "areas" || p === "areas.ts" || p === "pages" || p.startsWith("pages/"))

describe("the shell's imports", () => {
  it("no file under src/shell imports src/areas.ts or src/pages/**", () => {
    // (This file's own examples below are not imports.)
    const files = filesUnder(shellDir).filter((f) => f !== thisFile)
    expect(files.map((f) => relative(shellDir, f))).toContain("AppLayout.tsx")
    const found = files.flatMap((f) =>
      forbiddenImports(f, readFileSync(f, "utf8")).map((p) => `${relative(srcDir, f)} → ${p}`),
    )
    expect(found).toEqual([])
  })

  it("the check sees static, type-only and lazy imports of the registry and of pages", () => {
    const file = join(shellDir, "AppLayout.tsx")
    const source = [
      'import { areas } from "../areas"',
      'import type { Area } from "../areas.ts"',
      'const Page = lazy(() => import("../pages/members/MemberListPage"))',
      'export { StageTag } from "../pages/members"',
      'import "../pages/development/locales/zh-CN"',
      'import { Page } from "./Page"',
      'import { useI18n } from "../i18n/I18nProvider"',
    ].join("\n")
    expect(forbiddenImports(file, source)).toEqual([
      "areas",
      "areas.ts",
      "pages/members/MemberListPage",
      "pages/members",
      "pages/development/locales/zh-CN",
    ])
  })
})
