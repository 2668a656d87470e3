import { type Citation, cite, documents } from "@xianfeng/core"

/**
 * The articles this area cites, one helper per document, so an edition is written once. Articles 16–19 of the
 * branch regulations come from secondary quotations (reference §2 [S]); their content agrees across sources.
 */

/** 《中国共产党支部工作条例（试行）》（2018年）第n条. */
export const br = (article: number): Citation => cite(documents.branchRegulations, "2018", article)

/** 《中国共产党党员教育管理工作条例》（2019年）第n条. */
export const em = (article: number, clause?: string): Citation =>
  cite(documents.educationRegulations, "2019", article, clause)

/** 《中国共产党章程》（2022年）第n条. */
export const pc = (article: number): Citation => cite(documents.constitution, "2022", article)

/** A district's own rule: a fact the reference marks as local practice [P] or unsure [?]. */
export const local = (article = 1): Citation => cite(documents.districtPolicy, "", article)
