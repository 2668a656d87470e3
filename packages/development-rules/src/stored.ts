import type { PlainDate } from "@xianfeng/core"
import { Result, Schema } from "effect"
import { districtStepRecordSchema, type StepRecord, stepRecordSchema } from "./history.js"
import { dateOfDay, daysFromCivil, daysInMonth } from "./internal/days.js"
import { IsoDate } from "./internal/schemas.js"
import { DistrictStepEvidence, evidenceSchemas, isStepId } from "./steps.js"

/**
 * How to read one value of a stored record: as is (strings, numbers, booleans, literals), as a date (an
 * `IsoDate` field), or field by field / item by item.
 */
type Plan =
  | { readonly kind: "copy" }
  | { readonly kind: "date" }
  | { readonly kind: "array"; readonly item: Plan }
  | {
      readonly kind: "struct"
      readonly fields: readonly { readonly key: string; readonly optional: boolean; readonly plan: Plan }[]
    }

const copy: Plan = { kind: "copy" }

interface SchemaNode {
  readonly ast: {
    readonly _tag: string
    readonly encoding?: unknown
    readonly context?: { isOptional?: boolean }
  }
  readonly fields?: Readonly<Record<string, SchemaNode>>
  readonly value?: SchemaNode
  readonly members?: readonly SchemaNode[]
  readonly schema?: SchemaNode
}

const leafTags = new Set(["String", "Number", "Boolean", "Literal", "Null"])

/** The plan of a schema, or undefined for anything the plain walk cannot mirror exactly (then: decode). */
const planOf = (s: SchemaNode): Plan | undefined => {
  if (s === (IsoDate as unknown)) return { kind: "date" }
  if (s.ast.encoding !== undefined) return undefined
  if (leafTags.has(s.ast._tag)) return copy
  if (s.ast._tag === "Union" && s.members !== undefined)
    return s.members.every((m) => planOf(m)?.kind === "copy") ? copy : undefined
  if (s.ast._tag === "Arrays" && s.value !== undefined) {
    const item = planOf(s.value)
    return item === undefined ? undefined : { kind: "array", item }
  }
  if (s.ast._tag === "Objects" && s.fields !== undefined) {
    const fields = []
    for (const [key, f] of Object.entries(s.fields)) {
      const optional = f.ast.context?.isOptional === true
      const inner = optional ? f.schema : f
      const plan = inner === undefined ? undefined : planOf(inner)
      if (plan === undefined) return undefined
      fields.push({ key, optional, plan })
    }
    return { kind: "struct", fields }
  }
  return undefined
}

const plans = new Map<string, Plan | undefined>()
const evidencePlan = (step: string): Plan | undefined => {
  if (!plans.has(step)) {
    const schema: unknown = isStepId(step)
      ? evidenceSchemas[step]
      : step.startsWith("x-")
        ? DistrictStepEvidence
        : undefined
    plans.set(step, schema === undefined ? undefined : planOf(schema as unknown as SchemaNode))
  }
  return plans.get(step)
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date `YYYY-MM-DD` (what `IsoDate` accepts), else undefined. */
const dateOf = (v: unknown): PlainDate | undefined => {
  if (typeof v !== "string") return undefined
  const m = ISO_DATE.exec(v)
  if (m === null) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  return dateOfDay(daysFromCivil(y, mo, d))
}

/** Thrown inside the walk when the stored value does not have the shape the plan expects. */
const misfit = Symbol("misfit")

const read = (plan: Plan, v: unknown): unknown => {
  switch (plan.kind) {
    case "copy":
      if (typeof v === "object" && v !== null) throw misfit
      return v
    case "date": {
      const d = dateOf(v)
      if (d === undefined) throw misfit
      return d
    }
    case "array":
      if (!Array.isArray(v)) throw misfit
      return v.map((x) => read(plan.item, x))
    case "struct": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw misfit
      const o = v as Record<string, unknown>
      const out: Record<string, unknown> = {}
      for (const f of plan.fields) {
        if (!Object.hasOwn(o, f.key)) {
          if (f.optional) continue
          throw misfit
        }
        out[f.key] = read(f.plan, o[f.key])
      }
      return out
    }
  }
}

/**
 * A record read back from storage, which passed `decodeStepRecord` when it was written: its date fields
 * become `PlainDate`s and the evidence keeps the schema's fields in the schema's order, as decoding gives,
 * without checking every value again (a district's pipeline reads tens of thousands of records). A record
 * whose shape does not fit its step (a date that is not a date, a missing field, an unknown step) is decoded
 * in full by the step's schema instead, and left out (undefined) if that fails too. Validate anything a person typed with
 * `decodeStepRecord`, never with this.
 */
export const storedStepRecord = (input: {
  readonly step: string
  readonly on: PlainDate | string
  readonly evidence: unknown
}): StepRecord | undefined => {
  const plan = evidencePlan(input.step)
  const on = typeof input.on === "string" ? dateOf(input.on) : input.on
  if (plan !== undefined && on !== undefined) {
    try {
      return { step: input.step, on, evidence: read(plan, input.evidence) } as StepRecord
    } catch (e) {
      if (e !== misfit) throw e
    }
  }
  const decoded = decoderOf(input.step)?.({
    step: input.step,
    on: input.on.toString(),
    evidence: input.evidence,
  })
  return decoded !== undefined && Result.isSuccess(decoded) ? (decoded.success as StepRecord) : undefined
}

type Decoder = (input: unknown) => Result.Result<unknown, unknown>
const decoders = new Map<string, Decoder>()

/** The step's full schema, compiled once (stored records: fields the schema lacks are dropped, not refused). */
const decoderOf = (step: string): Decoder | undefined => {
  let d = decoders.get(step)
  if (d === undefined) {
    const schema = isStepId(step)
      ? stepRecordSchema(step)
      : step.startsWith("x-")
        ? districtStepRecordSchema
        : undefined
    if (schema === undefined) return undefined
    d = Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>) as Decoder
    decoders.set(step, d)
  }
  return d
}
