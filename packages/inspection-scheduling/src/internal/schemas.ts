import { bilingual, choiceOf, IsoDateToPlainDate } from "@xianfeng/core"
import { Schema } from "effect"

// Every check carries a message in both languages (`bilingual`), so a form in the Chinese UI never shows
// effect's English default ("Expected string, got 3").

export const IsoDate = IsoDateToPlainDate

const NumberField = Schema.Number.annotate(bilingual("应为数字", "must be a number"))

export const NonNegativeInt = NumberField.check(
  Schema.isInt(bilingual("应为整数", "must be a whole number")),
  Schema.isGreaterThanOrEqualTo(0, bilingual("不能小于0", "must be 0 or more")),
)
export const Text = Schema.String.annotate(bilingual("应为文字", "must be text")).check(
  Schema.isMinLength(1, bilingual("不能为空", "must not be empty")),
)
/** `HH:MM`, 24-hour clock. */
export const ClockTime = Schema.String.annotate(bilingual("应为时间", "must be a time")).check(
  Schema.isPattern(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    bilingual("时间应为“时:分”，如09:30", "time must be HH:MM, e.g. 09:30"),
  ),
)
export const Choice = choiceOf

export const List = <S extends Schema.Top>(item: S) =>
  Schema.Array(item).annotate(bilingual("应为列表", "must be a list"))

export const Fields = <F extends Schema.Struct.Fields>(fields: F) =>
  Schema.Struct(fields).annotate(bilingual("应为一组字段", "must be an object with fields"))
