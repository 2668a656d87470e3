import { eq, sql } from "drizzle-orm"
import type { XfDb } from "./database.js"
import { pinyinOf } from "./pinyin.js"
import { dataMigrations, members } from "./schema/index.js"

/**
 * A data migration: work in code that SQL alone cannot do (recomputing derived columns after the code that
 * derives them changed). Each runs once per database, in a transaction with its `data_migrations` row.
 */
export interface DataMigration {
  readonly name: string
  readonly run: (tx: XfDb) => Promise<void>
}

/**
 * Recomputes every member's pinyin search keys (name_pinyin, name_initials) with the current `pinyinOf`:
 * needed once after the keys learned surname readings (单于 → chanyu), characters outside the BMP (𠮷) and
 * every separator form of the middle dot. Only rows whose keys change are written.
 */
export const memberSearchKeysV2: DataMigration = {
  name: "0001_member_search_keys_v2",
  run: async (tx) => {
    const rows = await tx
      .select({
        id: members.id,
        name: members.name,
        full: members.namePinyin,
        initials: members.nameInitials,
      })
      .from(members)
    for (const r of rows) {
      const keys = pinyinOf(r.name)
      if (keys.full === r.full && keys.initials === r.initials) continue
      await tx
        .update(members)
        .set({ namePinyin: keys.full, nameInitials: keys.initials })
        .where(eq(members.id, r.id))
    }
  },
}

/** Every data migration, oldest first. Append only. */
export const allDataMigrations: readonly DataMigration[] = [memberSearchKeysV2]

/** Applies the data migrations this database has not had yet; returns the names applied. */
export const runDataMigrations = async (
  db: XfDb,
  list: readonly DataMigration[] = allDataMigrations,
): Promise<string[]> => {
  const result = (await db.execute(sql`select name from data_migrations`)) as unknown as {
    rows: { name: string }[]
  }
  const done = new Set(result.rows.map((r) => r.name))
  const applied: string[] = []
  for (const m of list) {
    if (done.has(m.name)) continue
    await db.transaction(async (tx) => {
      await m.run(tx as unknown as XfDb)
      await tx.insert(dataMigrations).values({ name: m.name }).onConflictDoNothing()
    })
    applied.push(m.name)
  }
  return applied
}
