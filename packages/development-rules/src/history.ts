import { type FieldError, fieldError, type PlainDate } from "@xianfeng/core"
import { Result, Schema, SchemaIssue } from "effect"
import { bilingual, splitBilingual } from "./bilingual.js"
import { IsoDate, Text } from "./internal/schemas.js"
import {
  DistrictStepEvidence,
  type DistrictStepId,
  type EvidenceOf,
  evidenceSchemas,
  isStepId,
  type StepId,
} from "./steps.js"

/** One dated step record with its evidence. `on` is the date the step happened (meeting date, talk date…). */
export type StepRecordOf<S extends StepId> = {
  readonly step: S
  readonly on: PlainDate
  readonly evidence: EvidenceOf<S>
}

/** A record of a district's own step (policy `extraSteps`). */
export interface DistrictStepRecord {
  readonly step: DistrictStepId
  readonly on: PlainDate
  readonly evidence: typeof DistrictStepEvidence.Type
}

export type StepRecord = { readonly [S in StepId]: StepRecordOf<S> }[StepId] | DistrictStepRecord

/** The schema of one step's record, for the API to validate input with (`{step, on, evidence}`). */
export const stepRecordSchema = <S extends StepId>(step: S) =>
  Schema.Struct({ step: Schema.Literal(step), on: IsoDate, evidence: evidenceSchemas[step] })

export const districtStepRecordSchema = Schema.Struct({
  step: Schema.String.check(
    Schema.isPattern(
      /^x-[a-z0-9-]{1,60}$/,
      bilingual("本区步骤编号应以x-开头", "a district step id starts with x-"),
    ),
  ),
  on: IsoDate,
  evidence: DistrictStepEvidence,
})

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * Decodes an untrusted record (JSON from a form): first which step it is, then that step's own schema, so
 * the error names the exact field (`evidence.introducers.0.status`).
 */
export const decodeStepRecord = (input: unknown): Result.Result<StepRecord, FieldError> => {
  const step = typeof input === "object" && input !== null ? (input as { step?: unknown }).step : undefined
  if (typeof step !== "string") {
    return Result.fail(
      fieldError("step", "required", "step must name a development step", "step应为发展步骤编号"),
    )
  }
  const schema = isStepId(step)
    ? stepRecordSchema(step)
    : step.startsWith("x-")
      ? districtStepRecordSchema
      : undefined
  if (schema === undefined) {
    return Result.fail(fieldError("step", "unknown", `there is no step "${step}"`, `没有名为"${step}"的步骤`))
  }
  const decoded = Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>)(input, {
    onExcessProperty: "error",
  })
  if (Result.isFailure(decoded)) {
    const first = formatter(decoded.failure.issue).issues[0]
    const path = first?.path?.length ? first.path.join(".") : "record"
    // Evidence schemas carry "<zh> ¦ <en>" messages: each language gets its own half.
    const why = splitBilingual(first?.message ?? "无效的值 ¦ invalid value")
    return Result.fail(fieldError(path, "invalid", `${path}: ${why.en}`, `${path}的值无效：${why.zh}`))
  }
  return Result.succeed(decoded.success as StepRecord)
}

/** Occupation groups used by composition analysis and the annual plan (DR 37 priority groups). */
export const OccupationGroup = Schema.Literals([
  "industrial-worker",
  "young-farmer",
  "highly-educated",
  "non-public-enterprise",
  "social-organization",
  "other",
])
export type OccupationGroup = typeof OccupationGroup.Type

export const Education = Schema.Literals(["primary", "secondary", "vocational", "bachelor", "postgraduate"])
export type Education = typeof Education.Type

/** Facts about the person that rules need; everything else about a person stays in the db. */
export const PersonFactsSchema = Schema.Struct({
  birthDate: IsoDate,
  /** 流动人员: two-place notice, extra review opinions (DR 13, 16). */
  migrant: Schema.Boolean,
  /** Known date of leaving the unit (DR 18: leaving within 3 months → normally no admission). */
  leavingUnitOn: Schema.optionalKey(IsoDate),
  gender: Schema.optionalKey(Schema.Literals(["female", "male"])),
  ethnicity: Schema.optionalKey(Text),
  education: Schema.optionalKey(Education),
  occupation: Schema.optionalKey(OccupationGroup),
  orgId: Schema.optionalKey(Text),
})
export type PersonFacts = typeof PersonFactsSchema.Type

/** A person's development history: facts plus dated step records, in any order. */
export interface History {
  readonly person: PersonFacts
  readonly records: readonly StepRecord[]
}
