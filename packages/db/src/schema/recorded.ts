import { timestamp, uuid } from "drizzle-orm/pg-core"
import { users } from "./platform.js"

/** Who recorded a row and when (UTC): the two columns every area's records carry. */
export const recordedColumns = () => ({
  recordedBy: uuid("recorded_by").references(() => users.id),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
})
