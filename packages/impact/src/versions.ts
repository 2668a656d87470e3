import { applyOverlay, type PolicyDefinition, type PolicySpec, type PolicyValues } from "@xianfeng/core"
import { Result } from "effect"
import type { ImpactFailure, VersionSpec } from "./adapter.js"

/**
 * A district overlay (`spec.overlay`, default none) applied to a package's policy definition: the policy values,
 * or a failure naming `overlay.<key>` with the policy's own reason (en and zh-CN).
 */
export const overlaidPolicy = <S extends PolicySpec>(
  definition: PolicyDefinition<S>,
  spec: VersionSpec,
): { readonly ok: true; readonly value: PolicyValues<S> } | ImpactFailure => {
  const policy = applyOverlay(definition, spec.overlay ?? {})
  return Result.isFailure(policy)
    ? {
        ok: false,
        problem: {
          field: `overlay.${policy.failure.field}`,
          message: policy.failure.message,
          messageZh: policy.failure.messageZh,
        },
      }
    : { ok: true, value: policy.success }
}

/**
 * For a rules package with one edition: a failure naming `edition` when `spec` asks for one, else undefined.
 * `rules` names the package's rules in a sentence ("the care rules", "党内关怀规则").
 */
export const refuseEdition = (
  spec: VersionSpec,
  rules: { readonly en: string; readonly zh: string },
): ImpactFailure | undefined =>
  spec.edition === undefined
    ? undefined
    : {
        ok: false,
        problem: {
          field: "edition",
          message: `${rules.en} have one edition; no edition ${spec.edition}`,
          messageZh: `${rules.zh}只有一个版本，没有${spec.edition}版`,
        },
      }
