/**
 * Column mapping: which sheet column holds which field of an import. Auto-mapping knows the column names of
 * the national party-member information system (全国党员管理信息系统, national-fields.md) and of the usual
 * ledgers (ledger-formats.md); a district's confirmed mapping is remembered (`import_mappings`).
 */

/** One field an importer reads. */
export interface FieldSpec {
  readonly key: string
  readonly zh: string
  readonly en: string
  readonly required?: boolean
  /** Column names that mean this field, in the national system's and the ledgers' wording. */
  readonly aliases: readonly string[]
}

/** Field key → the header (as written in the sheet) of the column that holds it. */
export type ColumnMapping = Readonly<Record<string, string>>

/** A header as compared: NFKC, no spaces, no `*` or `(必填)`-style marks, no trailing colon. */
export const headerKey = (header: string): string =>
  header
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[*＊]/g, "")
    .replace(/\((必填|选填|必填项|可选)\)/g, "")
    .replace(/[:：]$/, "")

/**
 * Maps each field to a header: first the remembered mapping (when its header is still there), then an
 * exact alias, then the field's own name. A header is given to one field only.
 */
export const autoMap = (
  fields: readonly FieldSpec[],
  headers: readonly string[],
  remembered: ColumnMapping = {},
): Record<string, string> => {
  const byKey = new Map(headers.filter((h) => h !== "").map((h) => [headerKey(h), h] as const))
  const taken = new Set<string>()
  const out: Record<string, string> = {}
  const give = (field: string, header: string | undefined) => {
    if (header === undefined || taken.has(header) || out[field] !== undefined) return
    out[field] = header
    taken.add(header)
  }
  for (const f of fields) {
    const r = remembered[f.key]
    if (r !== undefined && headers.includes(r)) give(f.key, r)
  }
  for (const f of fields) for (const a of [f.zh, ...f.aliases]) give(f.key, byKey.get(headerKey(a)))
  return out
}

/** Refuses a mapping naming a field or a header that does not exist, or missing a required field. */
export const mappingProblems = (
  fields: readonly FieldSpec[],
  headers: readonly string[],
  mapping: ColumnMapping,
): { zh: string; en: string }[] => {
  const problems: { zh: string; en: string }[] = []
  const known = new Set(fields.map((f) => f.key))
  for (const [field, header] of Object.entries(mapping)) {
    if (!known.has(field)) problems.push({ zh: `没有字段「${field}」`, en: `there is no field "${field}"` })
    else if (!headers.includes(header))
      problems.push({ zh: `表中没有「${header}」列`, en: `the sheet has no column "${header}"` })
  }
  for (const f of fields)
    if (f.required === true && mapping[f.key] === undefined)
      problems.push({ zh: `请为「${f.zh}」指定一列`, en: `map a column to "${f.en}"` })
  return problems
}
