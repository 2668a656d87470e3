/** What every scenario shares: the configuration, the versions found, the log and the fixed ID key. */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { BenchConfig } from "./config.js"
import { distFile } from "./proc.js"

export interface BenchContext {
  readonly cfg: BenchConfig
  /** Versions of what ran (node, PGlite, PostgreSQL, Chromium, autocannon), filled in as scenarios find them. */
  readonly versions: Record<string, string>
}

// A fixed, fictitious key so the loader and the API agree on ID-number encryption.
export const ID_KEY = Buffer.alloc(32, 7).toString("base64")

export const log = (...xs: unknown[]) => console.error("[bench]", ...xs)

/** A dependency's version, as installed for this package. */
export const pkgVersion = (name: string) => {
  try {
    const file = join(distFile(".."), "node_modules", name, "package.json")
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version
  } catch {
    return "?"
  }
}
