import { Result, Schema, SchemaIssue } from "effect"
import type { Citation, LocalizedText } from "./citation.js"
import { FieldError, fieldError } from "./errors.js"

/**
 * How sure the reference is of a fact behind a policy: `V` verified in the regulation, `S` from a
 * secondary source, `P` local practice, `?` unverified. `P` and `?` facts must be policies.
 */
export type Confidence = "V" | "S" | "P" | "?"

/** One setting a district may override: its schema, national default and why it is a setting. */
export interface PolicyKey<A> {
  readonly schema: Schema.Codec<A, unknown>
  readonly default: A
  readonly description: LocalizedText
  readonly confidence: Confidence
  readonly citations?: readonly Citation[]
}

export type PolicySpec = Readonly<Record<string, PolicyKey<unknown>>>
export type PolicyValues<S extends PolicySpec> = { readonly [K in keyof S]: S[K]["default"] }

export interface PolicyDefinition<S extends PolicySpec> {
  readonly id: string
  readonly keys: S
  readonly defaults: PolicyValues<S>
}

/** Declares a policy: the national defaults come from the keys' defaults. */
export const definePolicy = <S extends PolicySpec>(id: string, keys: S): PolicyDefinition<S> => {
  const defaults = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.default])) as PolicyValues<S>
  return { id, keys, defaults }
}

/** A typed key declaration; keeps `A` inferred from the schema. */
export const policyKey = <A>(key: PolicyKey<A>): PolicyKey<A> => key

const issueMessage = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * Applies a district overlay on top of `base` (the national defaults unless given). The overlay is untrusted
 * data (JSON from a file or a form): it may set only declared keys, each value must pass the key's schema,
 * and the first problem comes back as a `FieldError` naming the key and the reason. Keys it does not
 * mention keep their base value.
 */
export const applyOverlay = <S extends PolicySpec>(
  definition: PolicyDefinition<S>,
  overlay: unknown,
  base: PolicyValues<S> = definition.defaults,
): Result.Result<PolicyValues<S>, FieldError> => {
  if (typeof overlay !== "object" || overlay === null || Array.isArray(overlay)) {
    return Result.fail(
      fieldError(
        "overlay",
        "type",
        "a policy overlay must be an object of key → value",
        '政策配置应为"键→值"的对象',
      ),
    )
  }
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overlay)) {
    // An own-property check: `toString` or `__proto__` in untrusted JSON must be an unknown key, not a
    // lookup on Object.prototype.
    const spec = Object.hasOwn(definition.keys, key) ? definition.keys[key] : undefined
    if (spec === undefined) {
      return Result.fail(
        fieldError(
          // An empty key still needs a name a reader can find.
          key === "" ? 'overlay[""]' : key,
          "unknown-key",
          `${definition.id} has no setting "${key}"`,
          `${definition.id}没有名为"${key}"的设置项`,
        ),
      )
    }
    const decoded = Schema.decodeUnknownResult(spec.schema)(value, { onExcessProperty: "error" })
    if (Result.isFailure(decoded)) {
      const issues = issueMessage(decoded.failure.issue).issues
      const first = issues[0]
      const path = first?.path?.length ? `${key}.${first.path.join(".")}` : key
      const why = first?.message ?? "invalid value"
      return Result.fail(fieldError(path, "invalid", `${path}: ${why}`, `设置项${path}的值无效：${why}`))
    }
    out[key] = decoded.success
  }
  return Result.succeed(out as PolicyValues<S>)
}

/** Applies overlays in order (national → province → district); the first bad one stops the chain. */
export const applyOverlays = <S extends PolicySpec>(
  definition: PolicyDefinition<S>,
  overlays: readonly unknown[],
): Result.Result<PolicyValues<S>, FieldError> => {
  let current: PolicyValues<S> = definition.defaults
  for (const o of overlays) {
    const next = applyOverlay(definition, o, current)
    if (Result.isFailure(next)) return next
    current = next.success
  }
  return Result.succeed(current)
}

export { FieldError }
