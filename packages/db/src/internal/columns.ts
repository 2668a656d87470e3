import { date, type PlainDate } from "@xianfeng/core"
import { sql } from "drizzle-orm"
import { customType, timestamp, uuid } from "drizzle-orm/pg-core"

/**
 * A `date` column read and written as `Temporal.PlainDate`: civil dates never pass through `Date`, so no
 * time zone can shift them by a day. Both drivers hand `date` values over as `YYYY-MM-DD` text, read by core's
 * `date` (equal texts give the same immutable instance).
 */
export const plainDate = customType<{ data: PlainDate; driverData: string }>({
  dataType: () => "date",
  toDriver: (value) => value.toString(),
  fromDriver: date,
})

/** PostgreSQL's 64-bit transaction id (`xid8`), as its decimal text: which transaction wrote a row. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" })

/** A snapshot of which transactions are visible (`pg_snapshot`), as its text `xmin:xmax:xip,…`. */
export const pgSnapshot = customType<{ data: string; driverData: string }>({ dataType: () => "pg_snapshot" })

/** SQL list of string literals for a CHECK constraint (`kind in (…)`); the values are our own constants. */
export const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "))

/** The `created_at` column every table carries. */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow()

/** A UUID primary key made by the application (`crypto.randomUUID()`), so a row's id is known before insert. */
export const uuidKey = (name = "id") =>
  uuid(name)
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID())
