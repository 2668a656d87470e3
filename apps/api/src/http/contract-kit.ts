/**
 * The pieces every area's contract shares: the two-language message convention (core's, so core's schemas
 * carry it too), civil dates, ids, page numbers and the problem document every error answers with. An area's
 * own schemas live beside its routes (`routes/<area>/contract.ts`).
 */
import { bilingual } from "@xianfeng/core"
import { Schema, SchemaTransformation } from "effect"

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

// ── integers: each carries the bounds its column can hold (the OpenAPI document says so) ──
const INT4_MAX = 2_147_483_647

/** A whole number a PostgreSQL `integer` column holds: −2^31 … 2^31 − 1. */
export const Int32 = Schema.Int.check(Schema.isBetween({ minimum: -INT4_MAX - 1, maximum: INT4_MAX }))

/** A count of rows or things: 0 … 2^31 − 1 (an `integer` column, or a count(*) narrowed to one). */
export const Count = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: INT4_MAX }))

/** A row's version for optimistic concurrency: 1 … 2^31 − 1 (an `integer` column starting at 1). */
export const Version = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: INT4_MAX }))

/** A `bigserial` sequence number, as far as JSON numbers stay exact: 1 … 2^53 − 1. */
export const Seq = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }))

/**
 * A whole number in a query string, `minimum` … `maximum`. The OpenAPI document shows the string a client
 * sends, so the bounds are said there too (in the description), beside a pattern of digits.
 */
export const IntParam = (minimum: number, maximum: number) =>
  Schema.String.check(Schema.isPattern(/^-?\d{1,16}$/u, bilingual("应为整数", "must be a whole number")))
    .annotate({ description: `A whole number from ${minimum} to ${maximum}` })
    .pipe(
      Schema.decodeTo(
        Schema.Int.check(Schema.isBetween({ minimum, maximum })),
        SchemaTransformation.numberFromString,
      ),
    )

/** A page number in a query string, 1-based. */
export const PageNumber = IntParam(1, 100_000)

/** A page size in a query string, at most 100. */
export const PageSize = IntParam(1, 100)

// ── errors (RFC 9457) ──────────────────────────────────────────────────────
export const FieldProblem = Schema.Struct({
  field: Schema.String,
  reason: Schema.String,
  message: Schema.String,
})
export const Problem = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int.check(Schema.isBetween({ minimum: 100, maximum: 599 })),
  detail: Schema.String,
  errors: Schema.optionalKey(Schema.Array(FieldProblem)),
})
export type Problem = typeof Problem.Type

/** The id of a row whose key is a UUID (members, meetings, draws, findings, orders, …). */
export const UuidId = Schema.String.check(
  Schema.isUUID(undefined, bilingual("应为UUID格式的编号", "must be a UUID")),
).annotate({ format: "uuid" })
