import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core"
import { orgs, users } from "./platform.js"

/**
 * Moving a district's data in and out: the data migrations already applied, the official working
 * calendar's years a district loaded itself, and the column mappings of its imports.
 */

/**
 * Data migrations (a recomputation in code, e.g. the members' search keys after the pinyin rules changed)
 * applied to this database, by name; `runDataMigrations` applies the rest after the SQL migrations.
 */
export const dataMigrations = pgTable("data_migrations", {
  name: text("name").primaryKey(),
  appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
})

/**
 * A year of the official working calendar loaded by the district once the State Council has published it
 * (each November), before a release bundles it: the validated `YearSchedule` of core. National data, the
 * same for every organization, so not scoped.
 */
export const calendarYears = pgTable("calendar_years", {
  year: integer("year").primaryKey(),
  notice: text("notice").notNull(),
  holidays: jsonb("holidays").$type<Record<string, string>>().notNull(),
  makeUpWorkdays: jsonb("make_up_workdays").$type<string[]>().notNull(),
  uploadedBy: uuid("uploaded_by").references(() => users.id),
  uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The column mapping a district last confirmed for one kind of import (`members`, `orgs`,
 * `development`): sheet header → field. Used to map the next upload of the same layout.
 */
export const importMappings = pgTable(
  "import_mappings",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    kind: text("kind").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [primaryKey({ name: "import_mappings_pkey", columns: [t.orgId, t.kind] })],
)

export const transferTables = { dataMigrations, calendarYears, importMappings }
