import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core"
import { plainDate } from "../internal/columns.js"
import { orgs, users } from "./platform.js"

/**
 * 组织生活与督查 (Organizational life and inspections): one record of the area, kept by an organization. Dated by the civil date it
 * states (`on_date`); `version` moves on with every change so a stale edit is refused.
 */
export const disciplineRecords = pgTable(
  "discipline_records",
  {
    id: uuid("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    title: text("title").notNull(),
    onDate: plainDate("on_date").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("discipline_records_org_idx").on(t.orgId, t.onDate)],
)

export type DisciplineRecord = typeof disciplineRecords.$inferSelect

/** The area's tables, for the schema index (drizzle's relational API sees them through `tables`). */
export const disciplineTables = { disciplineRecords }
