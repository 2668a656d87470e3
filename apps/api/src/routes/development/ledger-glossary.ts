import { evidenceFieldTerms, evidenceValueTerms, type Term } from "@xianfeng/development-rules/glossary"

/**
 * The ledger's words for evidence: field names and coded values as a 发展党员纪实表 prints them (zh-CN), read
 * from the one glossary both the export and the admin use (`@xianfeng/development-rules/glossary`).
 */
const chinese = (terms: Readonly<Record<string, Term>>): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(terms).map(([k, t]) => [k, t.zh]))

export const ledgerFieldLabels: Readonly<Record<string, string>> = chinese(evidenceFieldTerms)
export const ledgerValueLabels: Readonly<Record<string, string>> = chinese(evidenceValueTerms)
