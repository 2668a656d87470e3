import { type Citation, cite, documents } from "@xianfeng/core"

/** The two editions of the Detailed Rules this package encodes. */
export type Edition = "2014" | "2026"
export const editions: readonly Edition[] = ["2014", "2026"]

/** 《中国共产党发展党员工作细则》（2026年）第n条. */
export const dr = (article: number, clause?: string): Citation =>
  cite(documents.developmentRules, "2026", article, clause)

/** The last 2026 article whose 2014 counterpart the mapping knows (2026 Arts. 18–36 → 2014 Arts. 19–37). */
export const DR14_LAST_MAPPED = 36

/** Whether `dr14` can map a 2026 article: a whole number from 1 to `DR14_LAST_MAPPED`. */
export const dr14Maps = (article2026: number): boolean =>
  Number.isInteger(article2026) && article2026 >= 1 && article2026 <= DR14_LAST_MAPPED

/**
 * The same provision in the 2014 edition. Reference §1.10 notes that from admission onward (2026 Art. 18 and
 * later) the 2014 numbers appear to be one higher (approval deadline: 2014 Art. 26 → 2026 Art. 25; the 2014
 * edition has one more general article, its Art. 18); it tags this [?], so the mapping lives here, in one
 * place, to be corrected once checked against the 2014 text.
 *
 * Beyond 2026 Art. 36 (supervision, mobile-member organizations, discipline, forms) the chapters of the two
 * editions differ and no counterpart is confirmed, so mapping one would be a guess: it throws a `RangeError`
 * (a programming error, raised when the rule citing it is defined). Cite such a fact under 2014 explicitly,
 * as district policy (`local()`), or leave the rule out of the 2014 edition.
 */
export const dr14 = (article2026: number, clause?: string): Citation => {
  if (!dr14Maps(article2026))
    throw new RangeError(
      `dr14: 2026 Art. ${article2026} has no confirmed 2014 counterpart (only Arts. 1–${DR14_LAST_MAPPED} map)`,
    )
  return cite(documents.developmentRules, "2014", article2026 >= 18 ? article2026 + 1 : article2026, clause)
}

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

/**
 * For facts the 2026 edition states beyond Art. 36 (mobile-member organizations, non-recognition): the 2026
 * article; under 2014, whose counterpart is not confirmed, the district's policy (`local()`), so a 2014-dated
 * record is still judged and the citation says on what footing.
 */
export const drInOrDistrict = (edition: Edition, article2026: number): Citation =>
  edition === "2014" && !dr14Maps(article2026) ? local() : drIn(edition, article2026)

/** 《中国共产党章程》 (2022). */
export const pc = (article: number): Citation => cite(documents.constitution, "2022", article)

/** 《中国共产党纪律处分条例》: effect periods of sanctions. */
export const disc = (article: number): Citation => cite(documents.disciplineRegulations, "2023", article)

/** A district's own rule (a policy that is local practice). */
export const local = (article = 1): Citation => cite(documents.districtPolicy, "", article)
