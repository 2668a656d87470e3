/**
 * JSON Schema (draft 2020-12, as the API sends it for each step's evidence) → the fields of a form.
 * Pure data: `RecordForm` renders the fields with antd, the tests check the mapping without a browser.
 *
 * Mapping: object properties → fields; `string` → input (long-text names → text area); `integer` /
 * `number` → number input; `boolean` → switch; strings with `format: "date"` → date input; `enum` →
 * select; arrays of enums → multiple select; arrays of strings → tags; arrays of objects → a list of
 * sub-forms; nested objects → a group; `anyOf [X, null]` → X that may be left empty; `$ref` → `$defs`.
 */

export type FieldKind =
  | "text"
  | "textarea"
  | "integer"
  | "number"
  | "boolean"
  | "date"
  | "enum"
  | "multi-enum"
  | "tags"
  | "object"
  | "list"

export interface FieldSpec {
  /** The property name; also the key of its label (`dev.field.<key>`). */
  readonly key: string
  readonly kind: FieldKind
  readonly required: boolean
  /** `anyOf [X, {type: "null"}]`: the value may be null (shown as an empty choice). */
  readonly nullable: boolean
  /** Enum values (enum and multi-enum). */
  readonly options?: readonly string[]
  readonly minimum?: number
  readonly maximum?: number
  readonly minLength?: number
  /** A switch's starting position when the schema gives one (`default`); otherwise it starts off. */
  readonly defaultOn?: boolean
  /** Sub-fields of an object, or of each item of a list. */
  readonly fields?: readonly FieldSpec[]
}

type Json = Readonly<Record<string, unknown>>

const isObject = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

// The API's date strings are validated by a transformation that its JSON Schema export does not
// describe (no `format`), so names the evidence uses for dates count as dates too.
const DATE_NAME = /(On|Since)$|^(start|end|date)$/
const LONG_TEXT = new Set(["conclusion", "comment", "notes", "note", "opinion", "reason", "delayReason"])
/** Integers larger than this are "no limit" (effect writes MAX_SAFE_INTEGER). */
const NO_LIMIT = 1e15

/** Follows `$ref: "#/$defs/X"` (or `#/definitions/X`) within the document. */
const resolve = (schema: unknown, root: Json): Json => {
  let s = isObject(schema) ? schema : {}
  for (let hops = 0; typeof s.$ref === "string" && hops < 20; hops++) {
    const path = s.$ref.replace(/^#\//, "").split("/")
    let target: unknown = root
    for (const part of path) target = isObject(target) ? target[decodeURIComponent(part)] : undefined
    const { $ref: _ref, ...rest } = s
    s = { ...(isObject(target) ? target : {}), ...rest }
  }
  return s
}

/** Unwraps `anyOf` / `oneOf` with a null branch into the non-null branch and `nullable`. */
const unwrapNull = (schema: Json, root: Json): { schema: Json; nullable: boolean } => {
  const alternatives = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : []
  if (alternatives.length === 0) {
    if (Array.isArray(schema.type) && schema.type.includes("null")) {
      const others = schema.type.filter((t) => t !== "null")
      return { schema: { ...schema, type: others.length === 1 ? others[0] : others }, nullable: true }
    }
    return { schema, nullable: false }
  }
  const resolved = alternatives.map((a) => resolve(a, root))
  const nonNull = resolved.filter((a) => a.type !== "null")
  const nullable = nonNull.length < resolved.length
  return { schema: nonNull.length === 1 && nonNull[0] ? nonNull[0] : { type: "string" }, nullable }
}

const enumOf = (s: Json): string[] | undefined =>
  Array.isArray(s.enum) ? s.enum.filter((v): v is string => typeof v === "string") : undefined

const limit = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) < NO_LIMIT ? v : undefined

const fieldOf = (key: string, raw: unknown, required: boolean, root: Json): FieldSpec => {
  const { schema: s, nullable } = unwrapNull(resolve(raw, root), root)
  const base = { key, required: required && !nullable, nullable }
  const options = enumOf(s)
  if (options) return { ...base, kind: "enum", options }
  if (s.type === "object" || isObject(s.properties))
    return { ...base, kind: "object", fields: fieldsOf(s, root) }
  if (s.type === "array") {
    const item = unwrapNull(resolve(s.items, root), root).schema
    const itemOptions = enumOf(item)
    if (itemOptions) return { ...base, kind: "multi-enum", options: itemOptions }
    if (item.type === "object" || isObject(item.properties))
      return { ...base, kind: "list", fields: fieldsOf(item, root) }
    return { ...base, kind: "tags" }
  }
  if (s.type === "boolean")
    return typeof s.default === "boolean"
      ? { ...base, kind: "boolean", defaultOn: s.default }
      : { ...base, kind: "boolean" }
  if (s.type === "integer" || s.type === "number") {
    const minimum = limit(s.minimum) ?? limit(s.exclusiveMinimum)
    const maximum = limit(s.maximum) ?? limit(s.exclusiveMaximum)
    return {
      ...base,
      kind: s.type,
      ...(minimum === undefined ? {} : { minimum }),
      ...(maximum === undefined ? {} : { maximum }),
    }
  }
  if (s.format === "date" || DATE_NAME.test(key)) return { ...base, kind: "date" }
  const minLength = typeof s.minLength === "number" && s.minLength > 0 ? s.minLength : undefined
  return {
    ...base,
    kind: LONG_TEXT.has(key) ? "textarea" : "text",
    ...(minLength === undefined ? {} : { minLength }),
  }
}

/** The fields of an object schema, in the order of its `properties`. */
export const fieldsOf = (schema: unknown, root?: unknown): FieldSpec[] => {
  const rootJson = isObject(root) ? root : isObject(schema) ? schema : {}
  const s = resolve(schema, rootJson)
  const props = isObject(s.properties) ? s.properties : {}
  const required = new Set(Array.isArray(s.required) ? s.required : [])
  return Object.entries(props).map(([key, p]) => fieldOf(key, p, required.has(key), rootJson))
}

/**
 * What a fresh form shows: switches off (or as the schema's `default` says), lists empty, nested objects with
 * their own defaults.
 */
export const initialValues = (fields: readonly FieldSpec[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    if (f.kind === "boolean") out[f.key] = f.defaultOn ?? false
    else if (f.kind === "list" || f.kind === "multi-enum" || f.kind === "tags") out[f.key] = []
    else if (f.kind === "object") out[f.key] = initialValues(f.fields ?? [])
  }
  return out
}

/**
 * The values a new record's form starts from: as `initialValues`, but every yes/no is left unanswered, not
 * 否. A required one (承认党的纲领和章程) must then be answered before saving — the form refuses to save
 * it unanswered, instead of sending a 否 nobody chose; an optional one left unanswered is left out of the
 * evidence (`toEvidence`): sent as `false`, an answer such as 流动党员党组织具备发展党员条件 would be read as
 * "no" and refuse the step (DR 40).
 */
export const unansweredValues = (fields: readonly FieldSpec[]): Record<string, unknown> => {
  const out = initialValues(fields)
  for (const f of fields) {
    if (f.kind === "boolean") delete out[f.key]
    else if (f.kind === "object") out[f.key] = unansweredValues(f.fields ?? [])
  }
  return out
}

/** A new item of a list of objects. */
export const newItem = (f: FieldSpec): Record<string, unknown> => initialValues(f.fields ?? [])

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "")

/**
 * Form values → the evidence the API expects: empty optional fields are left out (the schemas use
 * optional keys, not nulls), a nullable field left empty is `null`, numbers are numbers, strings trimmed.
 */
export const toEvidence = (fields: readonly FieldSpec[], values: unknown): Record<string, unknown> => {
  const v = isObject(values) ? values : {}
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const x = v[f.key]
    switch (f.kind) {
      case "object":
        out[f.key] = toEvidence(f.fields ?? [], x)
        break
      case "list":
        out[f.key] = (Array.isArray(x) ? x : []).map((item) => toEvidence(f.fields ?? [], item))
        break
      case "multi-enum":
      case "tags":
        out[f.key] = (Array.isArray(x) ? x : [])
          .map((i) => (typeof i === "string" ? i.trim() : i))
          .filter((i) => !blank(i))
        break
      case "boolean":
        if (typeof x === "boolean") out[f.key] = x
        else if (f.required) out[f.key] = false
        break
      case "integer":
      case "number":
        if (!blank(x) && Number.isFinite(Number(x))) out[f.key] = Number(x)
        else if (f.nullable) out[f.key] = null
        break
      default:
        if (!blank(x)) out[f.key] = typeof x === "string" ? x.trim() : x
        else if (f.nullable) out[f.key] = null
    }
  }
  return out
}

/**
 * Stored evidence → form values for a new record of the same shape (an assessment after the last
 * one, the conversion meeting after the admission meeting): everything but dates is carried over so
 * nobody types the branch's numbers twice. Values that do not fit the field are dropped.
 */
export const carryOver = (fields: readonly FieldSpec[], evidence: unknown): Record<string, unknown> => {
  const e = isObject(evidence) ? evidence : {}
  const out = initialValues(fields)
  for (const f of fields) {
    const x = e[f.key]
    if (x === undefined || f.kind === "date") continue
    if (f.kind === "object") out[f.key] = carryOver(f.fields ?? [], x)
    else if (f.kind === "list")
      out[f.key] = Array.isArray(x) ? x.map((item) => carryOver(f.fields ?? [], item)) : []
    else if (f.kind === "multi-enum")
      out[f.key] = Array.isArray(x) ? x.filter((i) => f.options?.includes(i as string)) : []
    else if (f.kind === "tags") out[f.key] = Array.isArray(x) ? x.filter((i) => typeof i === "string") : []
    else if (f.kind === "enum") {
      if (x === null || f.options?.includes(x as string)) out[f.key] = x
    } else if (f.kind === "boolean") out[f.key] = x === true
    else if (f.kind === "integer" || f.kind === "number") {
      if (typeof x === "number") out[f.key] = x
    } else if (typeof x === "string") out[f.key] = x
  }
  return out
}

/** The property names of an evidence schema, sorted: two steps with the same shape share them. */
export const shapeOf = (fields: readonly FieldSpec[]): string =>
  fields
    .map((f) => `${f.key}:${f.kind}`)
    .sort()
    .join(",")

/**
 * An API field path (`evidence.introducers.1.status`) → an antd form name path
 * (`["evidence", "introducers", 1, "status"]`), when the form has that field; otherwise undefined
 * so the message goes to the banner above the form instead of being lost.
 */
export const formPathOf = (
  field: string,
  evidenceFields: readonly FieldSpec[],
  topLevel: readonly string[] = ["onDate"],
): (string | number)[] | undefined => {
  const parts = field.split(/[.[\]]+/).filter((p) => p !== "")
  const [head, ...rest] = parts
  if (head === undefined) return undefined
  if (topLevel.includes(head)) return rest.length === 0 ? [head] : undefined
  if (head !== "evidence") return undefined
  const path: (string | number)[] = ["evidence"]
  let fields: readonly FieldSpec[] | undefined = evidenceFields
  let list: FieldSpec | undefined
  for (const p of rest) {
    if (list !== undefined) {
      if (!/^\d+$/.test(p)) return undefined
      path.push(Number(p))
      fields = list.fields
      list = undefined
      continue
    }
    const f: FieldSpec | undefined = fields?.find((x) => x.key === p)
    if (f === undefined) return undefined
    path.push(p)
    if (f.kind === "list") list = f
    fields = f.kind === "object" ? f.fields : undefined
  }
  return path.length > 1 ? path : undefined
}
