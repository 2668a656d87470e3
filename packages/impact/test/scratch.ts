import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

/**
 * Temporary folders named `<prefix>…` for one test file, removed when its tests end. Call at the file's top
 * level; the function it returns makes one folder per call and returns its path.
 */
export const scratchFolders = (prefix: string): (() => string) => {
  const made: string[] = []
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    made.push(dir)
    return dir
  }
}
