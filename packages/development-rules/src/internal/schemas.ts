import { type PlainDate, Temporal } from "@xianfeng/core"
import { Schema, SchemaGetter } from "effect"

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const isRealDate = (s: string): boolean => {
  if (!ISO_DATE.test(s)) return false
  try {
    Temporal.PlainDate.from(s, { overflow: "reject" })
    return true
  } catch {
    return false
  }
}

const PlainDateType = Schema.instanceOf(Temporal.PlainDate)

/** A civil date typed as `YYYY-MM-DD`, decoded to a `PlainDate`; `2026-02-30` fails and names the field. */
export const IsoDate = Schema.String.check(
  // The pattern (with `format: date`) is what JSON Schema shows, so forms know the field is a date.
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/u, { format: "date" }),
  Schema.makeFilter((s: string) => isRealDate(s) || `expected a calendar date YYYY-MM-DD, got "${s}"`),
).pipe(
  Schema.decodeTo(PlainDateType, {
    decode: SchemaGetter.transform((s: string): PlainDate => Temporal.PlainDate.from(s)),
    encode: SchemaGetter.transform((d: PlainDate) => d.toString()),
  }),
)

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
