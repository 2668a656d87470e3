import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { build } from "tsup"

/** This package's folder (…/packages/impact), found from the built file or the source file. */
const impactDir = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const repoRoot = resolve(impactDir, "../..")

/**
 * Modules shared with the working tree rather than bundled: their values (dates, schemas) cross between the
 * two builds, and a second copy of temporal-polyfill would not read the other's dates.
 */
const shared = ["effect", /^effect\//, "temporal-polyfill"]

/**
 * The rules package `packageDir` (`development-rules`) as it was at git revision `ref` (default `HEAD`: the
 * last committed, i.e. published, version), built and loaded next to the working tree's.
 *
 * How, kept simple: `git archive` of the package's and core's `src/` at `ref` into
 * `packages/impact/.cache/<commit>/`, then one tsup (esbuild) bundle of the package's `src/index.ts` with
 * that revision's core inlined; effect and temporal-polyfill stay external and resolve to this workspace's
 * copies (from `packages/impact/node_modules`), so the two builds exchange dates and schemas. The bundle is
 * cached per commit. Throws when git or the build fails — the CI job is meant to fail then.
 */
export const buildAtRevision = async (packageDir: string, ref = "HEAD"): Promise<unknown> => {
  const commit = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], {
    cwd: repoRoot,
    encoding: "utf8",
  }).trim()
  const dir = join(impactDir, ".cache", commit)
  const out = join(dir, "dist", packageDir)
  const file = join(out, "index.js")
  if (!existsSync(file)) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const archive = execFileSync(
      "git",
      ["archive", "--format=tar", commit, "packages/core/src", `packages/${packageDir}/src`],
      { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 },
    )
    execFileSync("tar", ["-x", "-C", dir], { input: archive })
    const core = join(dir, "packages/core/src")
    await build({
      config: false,
      silent: true,
      entry: { index: join(dir, "packages", packageDir, "src/index.ts") },
      outDir: out,
      format: ["esm"],
      target: "node20",
      platform: "node",
      clean: true,
      dts: false,
      external: shared,
      noExternal: [/^(?!effect(\/|$)|temporal-polyfill$)/],
      esbuildPlugins: [
        {
          name: "core-at-revision",
          setup(b) {
            b.onResolve({ filter: /^@xianfeng\/core(\/testing)?$/ }, (args) => ({
              path: join(core, args.path.endsWith("/testing") ? "testing.ts" : "index.ts"),
            }))
          },
        },
      ],
      esbuildOptions(o) {
        // The revision's sources sit outside any package: their other dependencies (chinese-days, …) come
        // from the working tree's packages.
        o.nodePaths = [
          join(repoRoot, "packages/core/node_modules"),
          join(repoRoot, "packages", packageDir, "node_modules"),
        ]
      },
    })
  }
  return import(pathToFileURL(file).href)
}
