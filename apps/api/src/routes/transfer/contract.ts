/**
 * 数据迁移 (moving a district's data in and out): the area's API contract. The same schemas validate
 * requests, document them in OpenAPI and give the admin its types (`@xianfeng/api/contract/transfer`).
 */
import { bilingual, choiceOf, IsoDate } from "@xianfeng/core"
import { Schema } from "effect"
import { Count } from "../../http/contract-kit.js"

/** The kinds of import (`importers` of `@xianfeng/db`). */
export const importKinds = [
  "orgs",
  "members",
  "development",
  "meetings",
  "class-attendance",
  "online-learning",
  "care-ledger",
  "dues",
] as const
export const ImportKind = choiceOf(importKinds)

export const ImportKindParams = Schema.Struct({ kind: ImportKind })

/** `check=true`: the streamed answer checks the upload and writes nothing. */
export const ImportStreamQuery = Schema.Struct({
  check: Schema.optionalKey(Schema.Literals(["true", "false"])),
})

/** The largest upload, in bytes of the file (its base64 text is a third longer). */
export const MAX_IMPORT_BYTES = 12 * 1024 * 1024

const Header = Schema.String.check(Schema.isMaxLength(200))

export const ColumnMappingSchema = Schema.Record(
  Schema.String.check(Schema.isPattern(/^[A-Za-z]{1,40}$/u, bilingual("字段名无效", "unknown field name"))),
  Header,
)

/** An uploaded .xlsx or .csv, its bytes as base64, and the column mapping (absent: propose one). */
export const ImportUpload = Schema.Struct({
  fileName: Schema.String.check(
    Schema.isMaxLength(200),
    Schema.isPattern(
      /^[^/\\]{1,195}\.(xlsx|csv)$/iu,
      bilingual("文件名应以 .xlsx 或 .csv 结尾", "the file name must end in .xlsx or .csv"),
    ),
  ),
  content: Schema.String.check(
    Schema.isMaxLength(
      Math.ceil(MAX_IMPORT_BYTES / 3) * 4,
      bilingual("文件不能超过12 MB", "the file may not exceed 12 MB"),
    ),
    Schema.isPattern(
      /^[A-Za-z0-9+/]*={0,2}$/u,
      bilingual("文件内容应为base64编码", "content must be base64"),
    ),
  ),
  mapping: Schema.optionalKey(ColumnMappingSchema),
})

const Problem = Schema.Struct({
  column: Schema.optionalKey(Schema.String),
  message: Schema.String,
})

export const ImportRowView = Schema.Struct({
  /** The row number in the uploaded sheet (the header is row 1 in a sheet that starts at the top). */
  row: Count,
  errors: Schema.Array(Problem),
  warnings: Schema.Array(Problem),
  notes: Schema.Array(Problem),
  /** Everything about the row in one sentence, as the error report says it. */
  summary: Schema.String,
})

export const ImportFieldView = Schema.Struct({
  key: Schema.String,
  label: Schema.String,
  required: Schema.Boolean,
})

export const ImportKindView = Schema.Struct({
  kind: ImportKind,
  label: Schema.String,
  fields: Schema.Array(ImportFieldView),
})
export const ImportKindList = Schema.Array(ImportKindView)

/** What a check found: the columns, the mapping used, and every row with something to say. */
export const ImportCheckView = Schema.Struct({
  kind: ImportKind,
  headers: Schema.Array(Schema.String),
  mapping: ColumnMappingSchema,
  mappingProblems: Schema.Array(Schema.String),
  total: Count,
  withErrors: Count,
  withWarnings: Count,
  importable: Schema.Boolean,
  /** Rows with an error, a warning or a note (at most 500; the error report holds them all). */
  rows: Schema.Array(ImportRowView),
})
export type ImportCheckView = typeof ImportCheckView.Type

export const ImportResultView = Schema.Struct({
  written: Count,
  check: ImportCheckView,
})
export type ImportResultView = typeof ImportResultView.Type

// ── the working calendar ───────────────────────────────────────────────────
export const CalendarYearParams = Schema.Struct({
  year: Schema.String.check(
    Schema.isPattern(/^(20\d\d|2100)$/u, bilingual("年份应为2000至2100", "year must be 2000–2100")),
  ),
})

/** One year's arrangement as the State Council publishes it (checked by core's `parseYearSchedule`). */
export const CalendarYearBody = Schema.Struct({
  notice: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100)),
  holidays: Schema.Record(
    Schema.String.check(Schema.isMaxLength(10)),
    Schema.String.check(Schema.isMaxLength(40)),
  ),
  makeUpWorkdays: Schema.Array(Schema.String.check(Schema.isMaxLength(10))).check(Schema.isMaxLength(40)),
})

export const CalendarYearView = Schema.Struct({
  year: Count,
  notice: Schema.String,
  holidays: Schema.Record(Schema.String, Schema.String),
  makeUpWorkdays: Schema.Array(IsoDate),
})
export const CalendarYearList = Schema.Array(CalendarYearView)
