import { readFileSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"

interface ManifestChunk {
  readonly file: string
  readonly src?: string
  readonly isEntry?: boolean
  readonly imports?: readonly string[]
  readonly dynamicImports?: readonly string[]
  readonly css?: readonly string[]
}
type Manifest = Readonly<Record<string, ManifestChunk>>

export const readManifest = (dist: string): Manifest =>
  JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Manifest

/** The files a browser fetches before `key` can run: the chunk, its static imports, their CSS. */
export const staticClosure = (manifest: Manifest, keys: readonly string[]): Set<string> => {
  const files = new Set<string>()
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) throw new Error(`manifest has no ${key}`)
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const i of chunk.imports ?? []) visit(i)
  }
  for (const k of keys) visit(k)
  return files
}

export const gzipSize = (dist: string, files: Iterable<string>): number => {
  let total = 0
  for (const f of files) total += gzipSync(readFileSync(join(dist, f))).length
  return total
}
