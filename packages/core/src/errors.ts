import { Schema } from "effect"

/**
 * The one error every parser in Xianfeng answers bad input with: which field, a machine reason and a
 * sentence in each locale. A parser returns it inside a `Result`; nothing is thrown.
 */
export class FieldError extends Schema.TaggedError<FieldError>()("FieldError", {
  field: Schema.String,
  reason: Schema.String,
  message: Schema.String,
  messageZh: Schema.String,
}) {}

export const fieldError = (field: string, reason: string, message: string, messageZh: string): FieldError =>
  new FieldError({ field, reason, message, messageZh })
