import type { PlainDate } from "@xianfeng/core"
import { customType } from "drizzle-orm/pg-core"
import { Temporal } from "temporal-polyfill"

/**
 * A `date` column read and written as `Temporal.PlainDate`: civil dates never pass through `Date`, so no
 * time zone can shift them by a day. Both drivers hand `date` values over as `YYYY-MM-DD` text.
 */
export const plainDate = customType<{ data: PlainDate; driverData: string }>({
  dataType: () => "date",
  toDriver: (value) => value.toString(),
  fromDriver: (value) => Temporal.PlainDate.from(value),
})
