import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Database, openDatabase } from "../../src/database.js"

const folder = fileURLToPath(new URL("../../drizzle", import.meta.url))
const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
  entries: { tag: string }[]
}

/** The place in the journal of the first migration whose tag ends with `suffix` (-1 when there is none). */
export const migrationIndex = (suffix: string): number =>
  journal.entries.findIndex((e) => e.tag.endsWith(suffix))

/**
 * A PGlite folder for a migration test (in a temporary directory; `remove` deletes it): `openOld` opens it
 * migrated up to, not including, the migration at `first` of the journal; `openMigrated` opens it with every
 * migration, as an upgrade would.
 */
export const folderBeforeMigration = (
  first: number,
): { openOld: () => Promise<Database>; openMigrated: () => Promise<Database>; remove: () => void } => {
  if (first <= 0) throw new Error(`no migration to stop before (journal index ${first})`)
  const dir = mkdtempSync(join(tmpdir(), "xf-migration-"))
  const before = join(dir, "drizzle")
  cpSync(folder, before, { recursive: true })
  writeFileSync(
    join(before, "meta", "_journal.json"),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, first) }),
  )
  const data = join(dir, "data")
  return {
    openOld: () => openDatabase({ dataDir: data, migrationsFolder: before }),
    openMigrated: () => openDatabase({ dataDir: data }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
