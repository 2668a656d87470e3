import { type Citation, cite, documents } from "@xianfeng/core"

/** The two editions of the Detailed Rules this package encodes. */
export type Edition = "2014" | "2026"
export const editions: readonly Edition[] = ["2014", "2026"]

/** 《中国共产党发展党员工作细则》（2026年）第n条. */
export const dr = (article: number, clause?: string): Citation =>
  cite(documents.developmentRules, "2026", article, clause)

/**
 * The same provision in the 2014 edition. Reference §1.10 notes that from admission onward (2026 Art. 18 and
 * later) the 2014 numbers appear to be one higher (approval deadline: 2014 Art. 26 → 2026 Art. 25); it tags
 * this [?], so the mapping lives here, in one place, to be corrected once checked against the 2014 text.
 */
export const dr14 = (article2026: number, clause?: string): Citation =>
  cite(documents.developmentRules, "2014", article2026 >= 18 ? article2026 + 1 : article2026, clause)

const drMemo: Record<Edition, Map<number, Citation>> = { "2014": new Map(), "2026": new Map() }

/** The article in the edition named (one shared, immutable citation per article: rules cite on every call). */
export const drIn = (edition: Edition, article2026: number, clause?: string): Citation => {
  if (clause !== undefined) return edition === "2026" ? dr(article2026, clause) : dr14(article2026, clause)
  let c = drMemo[edition].get(article2026)
  if (c === undefined) {
    c = edition === "2026" ? dr(article2026) : dr14(article2026)
    drMemo[edition].set(article2026, c)
  }
  return c
}

/** 《中国共产党章程》 (2022). */
export const pc = (article: number): Citation => cite(documents.constitution, "2022", article)

/** 《中国共产党纪律处分条例》: effect periods of sanctions. */
export const disc = (article: number): Citation => cite(documents.disciplineRegulations, "2023", article)

/** A district's own rule (a policy that is local practice). */
export const local = (article = 1): Citation => cite(documents.districtPolicy, "", article)
