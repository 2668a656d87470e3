/**
 * The pieces every area's contract shares: the two-language message convention (core's, so core's schemas
 * carry it too), civil dates, ids, page numbers and the problem document every error answers with. An area's
 * own schemas live beside its routes (`routes/<area>/contract.ts`).
 */
import { bilingual } from "@xianfeng/core"
import { Schema } from "effect"

export { BILINGUAL_SEPARATOR, bilingual, IsoDate } from "@xianfeng/core"

/** A generated id (a uuid, or a short machine id). */
export const Id = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))

/** An organization id, which doubles as a path label (core's `parseOrgId` checks the same). */
export const OrgIdSchema = Schema.String.check(
  Schema.isPattern(
    /^[A-Za-z0-9_]{1,63}$/u,
    bilingual("应为1至63位字母、数字或下划线", "must be 1–63 letters, digits or _"),
  ),
).annotate({
  description: "Organization id: 1–63 letters, digits or _",
})

/** A page number in a query string, 1-based. */
export const PageNumber = Schema.NumberFromString.check(
  Schema.isInt(),
  Schema.isBetween({ minimum: 1, maximum: 100_000 }),
)

/** A page size in a query string, at most 100. */
export const PageSize = Schema.NumberFromString.check(
  Schema.isInt(),
  Schema.isBetween({ minimum: 1, maximum: 100 }),
)

// ── errors (RFC 9457) ──────────────────────────────────────────────────────
export const FieldProblem = Schema.Struct({
  field: Schema.String,
  reason: Schema.String,
  message: Schema.String,
})
export const Problem = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int,
  detail: Schema.String,
  errors: Schema.optionalKey(Schema.Array(FieldProblem)),
})
export type Problem = typeof Problem.Type
