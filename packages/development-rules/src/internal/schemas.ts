import { IsoDateToPlainDate } from "@xianfeng/core"
import { Schema } from "effect"

/**
 * A civil date typed as `YYYY-MM-DD`, decoded to a `PlainDate`; `2026-02-30` fails and names the field. It is
 * core's `IsoDateToPlainDate`, so evidence dates and the API's dates refuse the same strings.
 */
export const IsoDate = IsoDateToPlainDate

export const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
export const PositiveInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
export const NonNegativeNumber = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))
export const Text = Schema.String.check(Schema.isMinLength(1))

/** A regulation period as a policy value: whole non-negative years, months, days. */
export const PeriodSchema = Schema.Struct({
  years: Schema.optionalKey(NonNegativeInt),
  months: Schema.optionalKey(NonNegativeInt),
  days: Schema.optionalKey(NonNegativeInt),
})

export const LocalizedTextSchema = Schema.Struct({ "zh-CN": Text, en: Text })
