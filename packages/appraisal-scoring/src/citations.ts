import { type Citation, cite, type Document, documents } from "@xianfeng/core"

/**
 * The articles this area cites, one helper per document, so an edition is written once. The two appraisal
 * documents (民主评议 opinions, 述职评议考核 measures) are this area's own; core lists the regulations every area
 * cites.
 */

/** 《关于建立民主评议党员制度的意见》 (MZPY): grades and the one-third cap on "excellent". */
export const democraticAppraisalOpinions: Document = {
  id: "MZPY",
  title: {
    "zh-CN": "关于建立民主评议党员制度的意见",
    en: "Opinions on Democratic Appraisal of Party Members",
  },
}

/** 《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》 (SZ). */
export const secretaryDebriefingMeasures: Document = {
  id: "SZ",
  title: {
    "zh-CN": "党委（党组）书记抓基层党建工作述职评议考核办法（试行）",
    en: "Measures for Secretaries' Debriefing and Appraisal on Grassroots Party Building (Trial)",
  },
}

/** 《中国共产党支部工作条例（试行）》（2018年）第n条. */
export const br = (article: number): Citation => cite(documents.branchRegulations, "2018", article)

/** 《中国共产党党员教育管理工作条例》（2019年）第n条. */
export const em = (article: number, clause?: string): Citation =>
  cite(documents.educationRegulations, "2019", article, clause)

/** 《中国共产党章程》（2022年）第n条. */
export const pc = (article: number): Citation => cite(documents.constitution, "2022", article)

/**
 * The democratic-appraisal guidance (reference source MZPY, the 12371 special page quoting it): grades, the
 * one-third cap on "excellent", the use of results. Cited without an article: the source has none [S].
 */
export const mzpy = (article = 1): Citation => cite(democraticAppraisalOpinions, "", article)

/** 《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》第n条. */
export const sz = (article: number): Citation => cite(secretaryDebriefingMeasures, "2019", article)

/** A district's own rule: a fact the reference marks as local practice [P] or unsure [?]. */
export const local = (article = 1): Citation => cite(documents.districtPolicy, "", article)
