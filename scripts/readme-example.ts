import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * Runs the first ```ts block of `<packageDir>/README.md` as it is written, its imports of `packageName`
 * pointed at the package's source (`src/index.ts`), so a package's README example cannot go stale. Returns
 * the lines it printed with `console.log` and the lines its `// → …` comments say it prints, for the
 * package's test to compare. Throws when the README has no ```ts block.
 */
export const runReadmeExample = async (
  packageDir: string,
  packageName: string,
): Promise<{ readonly printed: readonly string[]; readonly expected: readonly string[] }> => {
  const readme = readFileSync(join(packageDir, "README.md"), "utf8")
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
  if (block === undefined) throw new Error(`${packageDir}/README.md has no \`\`\`ts example`)
  const code = block.replace(`from "${packageName}"`, 'from "../src/index.js"')
  const expected = [...block.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1] ?? "")
  // Beside the tests, so the example's import of ../src resolves as it would from the package.
  const file = join(packageDir, "test", `readme-example-${process.pid}.tmp.ts`)
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
  return { printed, expected }
}
