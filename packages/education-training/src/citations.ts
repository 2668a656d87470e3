import { type Citation, cite, type Document, documents } from "@xianfeng/core"

/**
 * The articles this area cites, one helper per document, so an edition is written once. The 2019–2023 national
 * training plan is cited from secondary sources (reference §3 [S]); its figures are policy keys.
 */

/** 《中国共产党党员教育管理工作条例》（2019年）第n条. */
export const em = (article: number, clause?: string): Citation =>
  cite(documents.educationRegulations, "2019", article, clause)

/** 《2019—2023年全国党员教育培训工作规划》 (PL19), cited by part; its article numbers are the plan's parts. */
export const trainingPlan: Document = {
  id: "PL19",
  title: {
    "zh-CN": "2019—2023年全国党员教育培训工作规划",
    en: "National Plan for the Education and Training of Party Members 2019–2023",
  },
}

/** PL19, part n. */
export const pl19 = (part: number): Citation => cite(trainingPlan, "", part)

/** A district's own rule: a fact the reference marks as local practice [P] or unsure [?]. */
export const local = (article = 1): Citation => cite(documents.districtPolicy, "", article)
