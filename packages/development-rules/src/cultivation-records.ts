import { type FieldError, fieldError, type LocalizedText, type PlainDate } from "@xianfeng/core"
import { Result, Schema, SchemaIssue } from "effect"
import { splitBilingual } from "./bilingual.js"
import type { PlanActivity, PlanItemKind } from "./cultivation-plan.js"
import { Choice, Fields, IsoDate, OptionalText, Text } from "./internal/schemas.js"

/**
 * What a contact or a branch records while cultivating an activist or candidate for membership (一人一策) that is
 * not one of the 25 steps: a contact's talk (培养联系人谈话, DR 10), a thought report handed in (思想汇报) and
 * a party activity taken part in (参加党组织活动, DR 10). Assessments and trainings are steps of their own.
 */
export type CultivationRecordKind = Extract<PlanItemKind, "talk" | "thought-report" | "activity">

export const cultivationRecordKinds = [
  "talk",
  "thought-report",
  "activity",
] as const satisfies readonly CultivationRecordKind[]

export const cultivationRecordLabels: Readonly<Record<CultivationRecordKind, LocalizedText>> = {
  talk: { "zh-CN": "培养联系人谈话", en: "Talk with a contact" },
  "thought-report": { "zh-CN": "思想汇报", en: "Thought report" },
  activity: { "zh-CN": "参加党组织活动", en: "Party activity" },
}

/** The evidence of each kind: who, and what was said or done (messages in both languages). */
export const cultivationEvidenceSchemas = {
  talk: Fields({
    /** The cultivation contact who held the talk. */
    talkedBy: Text,
    notes: Schema.optionalKey(OptionalText),
  }),
  "thought-report": Fields({
    /** Who the report was handed to (a contact, the branch). */
    submittedTo: Text,
    topic: Schema.optionalKey(OptionalText),
  }),
  activity: Fields({
    /** The meeting, lesson or service activity taken part in. */
    activity: Text,
    organizer: Schema.optionalKey(OptionalText),
  }),
} as const satisfies Record<CultivationRecordKind, Schema.Top>

/** One cultivation record as the API takes it: `{ kind, on, evidence }`. */
export const CultivationRecordSchema = Fields({
  kind: Choice([...cultivationRecordKinds]),
  on: IsoDate,
  evidence: Schema.Record(Schema.String, Schema.Unknown),
})

export interface CultivationRecord {
  readonly kind: CultivationRecordKind
  readonly on: PlainDate
  readonly evidence: Readonly<Record<string, unknown>>
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const failure = (issue: SchemaIssue.Issue, prefix: string): FieldError => {
  const first = formatter(issue).issues[0]
  const path = [prefix, ...(first?.path ?? []).map(String)].filter((p) => p !== "").join(".") || "record"
  const why = splitBilingual(first?.message ?? "无效的值 ¦ invalid value")
  return fieldError(path, "invalid", `${path}: ${why.en}`, `${path}的值无效：${why.zh}`)
}

/**
 * Decodes an untrusted cultivation record (JSON from a form): the kind and date first, then the kind's
 * evidence schema, so the error names the field (`evidence.talkedBy`), in both languages.
 */
export const decodeCultivationRecord = (input: unknown): Result.Result<CultivationRecord, FieldError> => {
  const outer = Schema.decodeUnknownResult(CultivationRecordSchema)(input, { onExcessProperty: "error" })
  if (Result.isFailure(outer)) return Result.fail(failure(outer.failure.issue, ""))
  const { kind, on, evidence } = outer.success
  const schema = cultivationEvidenceSchemas[kind] as Schema.Codec<unknown, unknown>
  const decoded = Schema.decodeUnknownResult(schema)(evidence, { onExcessProperty: "error" })
  if (Result.isFailure(decoded)) return Result.fail(failure(decoded.failure.issue, "evidence"))
  return Result.succeed({ kind, on, evidence: decoded.success as Record<string, unknown> })
}

/**
 * The plan activities the records amount to: each record counts towards its kind's items of the plan, the
 * n-th record (by date) fulfilling the n-th item (`planProgress`), so a late talk still closes the oldest
 * open one.
 */
export const planActivitiesOf = (
  records: readonly Pick<CultivationRecord, "kind" | "on">[],
): PlanActivity[] => records.map((r) => ({ kind: r.kind, on: r.on }))
