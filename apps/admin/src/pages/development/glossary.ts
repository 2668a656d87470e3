import {
  type EvidenceField,
  type EvidenceValue,
  evidenceFieldTerms,
  evidenceValueTerms,
} from "@xianfeng/development-rules/glossary"

/** The glossary's terms as the development area's messages: `dev.field.<key>` and `dev.enum.<value>`. */
export type GlossaryMessages = { readonly [K in EvidenceField as `dev.field.${K}`]: string } & {
  readonly [K in EvidenceValue as `dev.enum.${K}`]: string
}

/**
 * The evidence's field names and coded values in one language, from the one glossary the API's ledger export
 * reads too (`@xianfeng/development-rules/glossary`).
 */
export const glossaryMessages = (lang: "zh" | "en"): GlossaryMessages =>
  Object.fromEntries([
    ...Object.entries(evidenceFieldTerms).map(([k, t]) => [`dev.field.${k}`, t[lang]]),
    ...Object.entries(evidenceValueTerms).map(([k, t]) => [`dev.enum.${k}`, t[lang]]),
  ]) as GlossaryMessages
