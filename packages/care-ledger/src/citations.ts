import { type Citation, cite, type Document, documents } from "@xianfeng/core"

/**
 * The articles this area cites, one helper per document, so an edition is written once. The care area's
 * documents are not cited by any other area yet, so they are declared here rather than in core's list.
 */

/** 《关于中国共产党党费收缴、使用和管理的规定》(中组发〔2008〕3号) — DUES 2008. */
export const duesRules: Document = {
  id: "DUES",
  title: {
    "zh-CN": "关于中国共产党党费收缴、使用和管理的规定",
    en: "Provisions on the Collection, Use and Management of CPC Membership Dues",
  },
}

/** 《中国共产党党内功勋荣誉表彰条例》 — HON. */
export const honoursRegulations: Document = {
  id: "HON",
  title: {
    "zh-CN": "中国共产党党内功勋荣誉表彰条例",
    en: "Regulations on Party Merit Decorations, Honours and Commendations",
  },
}

/** 中共中央《关于颁发"光荣在党50年"纪念章的通知》 — MED (2021). */
export const medalNotice: Document = {
  id: "MED",
  title: {
    "zh-CN": "关于颁发“光荣在党50年”纪念章的通知",
    en: "Notice on Awarding the 'Glorious 50 Years in the Party' Commemorative Medal",
  },
}

/** 中组部 each year's 《关于做好元旦春节期间走访慰问生活困难党员、老党员和老干部工作的通知》 — VISIT. */
export const visitCircular: Document = {
  id: "VISIT",
  title: {
    "zh-CN": "关于做好元旦春节期间走访慰问生活困难党员、老党员和老干部工作的通知",
    en: "Circular on Visiting Members in Difficulty, Old Members and Old Cadres at New Year and Spring Festival",
  },
}

export const dues = (article: number, clause?: string): Citation => cite(duesRules, "2008", article, clause)
export const hon = (article: number): Citation => cite(honoursRegulations, "2017", article)
export const med = (article = 1): Citation => cite(medalNotice, "2021", article)
export const visit = (article = 1): Citation => cite(visitCircular, "2025", article)
/** 《中国共产党章程》第九条: six months without paying dues without good reason is self-lapse (自行脱党). */
export const pc = (article: number): Citation => cite(documents.constitution, "2022", article)
/** 《中国共产党党员教育管理工作条例》 (EM 23: care for members). */
export const em = (article: number): Citation => cite(documents.educationRegulations, "2019", article)

/** A district's own rule: a fact the reference marks as local practice [P] or unsure [?]. */
export const local = (article = 1): Citation => cite(documents.districtPolicy, "", article)
