import { index, integer, pgTable, text } from "drizzle-orm/pg-core"
import { plainDate, uuidKey } from "../internal/columns.js"
import { orgs } from "./platform.js"
import { recordedColumns } from "./recorded.js"

/**
 * 评议考核 (Appraisal): one record of the area, kept by an organization. Dated by the civil date it
 * states (`on_date`); `version` moves on with every change so a stale edit is refused.
 */
export const appraisalRecords = pgTable(
  "appraisal_records",
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
  (t) => [index("appraisal_records_org_idx").on(t.orgId, t.onDate)],
)

export type AppraisalRecord = typeof appraisalRecords.$inferSelect

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const appraisalTables = { appraisalRecords }
