import { index, integer, pgTable, text } from "drizzle-orm/pg-core"
import { plainDate, uuidKey } from "../internal/columns.js"
import { orgs } from "./platform.js"
import { recordedColumns } from "./recorded.js"

/**
 * __titleZh__ (__titleEn__): one record of the area, kept by an organization. Dated by the civil date it
 * states (`on_date`); `version` moves on with every change so a stale edit is refused.
 */
export const __areaCamel__Records = pgTable(
  "__area_snake___records",
  {
    id: uuidKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    title: text("title").notNull(),
    onDate: plainDate("on_date").notNull(),
    note: text("note").notNull().default(""),
    ...recordedColumns(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("__area_snake___records_org_idx").on(t.orgId, t.onDate)],
)

export type __AreaPascal__Record = typeof __areaCamel__Records.$inferSelect

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const __areaCamel__Tables = { __areaCamel__Records }
