import { choiceOf, IsoDateToPlainDate } from "@xianfeng/core"
import { Schema } from "effect"
import { bilingual } from "../bilingual.js"

// Every check here carries a message in both languages (`bilingual`), so a form in the Chinese UI never
// shows effect's English default ("Expected string, got 3").

/**
 * A civil date typed as `YYYY-MM-DD`, decoded to a `PlainDate`; `2026-02-30` fails and names the field. It is
 * core's `IsoDateToPlainDate`, so evidence dates and the API's dates refuse the same strings.
 */
export const IsoDate = IsoDateToPlainDate

const NumberField = Schema.Number.annotate(bilingual("应为数字", "must be a number"))

export const NonNegativeInt = NumberField.check(
  Schema.isInt(bilingual("应为整数", "must be a whole number")),
  Schema.isGreaterThanOrEqualTo(0, bilingual("不能小于0", "must be 0 or more")),
)
export const PositiveInt = NumberField.check(
  Schema.isInt(bilingual("应为整数", "must be a whole number")),
  Schema.isGreaterThanOrEqualTo(1, bilingual("不能小于1", "must be 1 or more")),
)
export const NonNegativeNumber = NumberField.check(
  Schema.isFinite(bilingual("应为有限的数", "must be a finite number")),
  Schema.isGreaterThanOrEqualTo(0, bilingual("不能小于0", "must be 0 or more")),
)
export const Text = Schema.String.annotate(bilingual("应为文字", "must be text")).check(
  Schema.isMinLength(1, bilingual("不能为空", "must not be empty")),
)
/** Free text that may be empty (notes). */
export const OptionalText = Schema.String.annotate(bilingual("应为文字", "must be text"))
export const Bool = Schema.Boolean.annotate(bilingual("应为“是”或“否”", "must be yes or no"))

/** One of a fixed list of codes; the message lists them. */
export const Choice = choiceOf

/** A list of items (the message for a value that is not a list at all). */
export const List = <S extends Schema.Top>(item: S) =>
  Schema.Array(item).annotate(bilingual("应为列表", "must be a list"))

/** A group of fields (the message for a value that is not an object at all). */
export const Fields = <F extends Schema.Struct.Fields>(fields: F) =>
  Schema.Struct(fields).annotate(bilingual("应为一组字段", "must be an object with fields"))

/** A regulation period as a policy value: whole non-negative years, months, days. */
export const PeriodSchema = Schema.Struct({
  years: Schema.optionalKey(NonNegativeInt),
  months: Schema.optionalKey(NonNegativeInt),
  days: Schema.optionalKey(NonNegativeInt),
})

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** A day of the year without a year (an anniversary: 七一 is `{ month: 7, day: 1 }`); 29 February allowed. */
export const MonthDaySchema = Schema.Struct({
  month: PositiveInt.check(Schema.isLessThanOrEqualTo(12, bilingual("月份应为1至12", "month must be 1–12"))),
  day: PositiveInt.check(Schema.isLessThanOrEqualTo(31, bilingual("日应为1至31", "day must be 1–31"))),
}).check(
  Schema.makeFilter(
    (m: { readonly month: number; readonly day: number }) =>
      m.day <= (DAYS_IN_MONTH[m.month - 1] ?? 0) ||
      bilingual(`${m.month}月没有${m.day}日`, `month ${m.month} has no day ${m.day}`).message,
  ),
)
export type MonthDay = typeof MonthDaySchema.Type

export const LocalizedTextSchema = Schema.Struct({ "zh-CN": Text, en: Text })
