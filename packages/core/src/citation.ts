import type { Locale } from "./date.js"
import { toChineseNumeral } from "./internal/chinese-numerals.js"

/** Text in every locale the product speaks. */
export type LocalizedText = Readonly<Record<Locale, string>>

/** A regulation or rule document, identified once and cited many times. */
export interface Document {
  readonly id: string
  readonly title: LocalizedText
}

/** Where a rule comes from: a document, its edition and an article (with an optional clause). */
export interface Citation {
  readonly document: Document
  readonly edition: string
  readonly article: number
  readonly clause?: string
}

export const cite = (document: Document, edition: string, article: number, clause?: string): Citation =>
  clause === undefined ? { document, edition, article } : { document, edition, article, clause }

/** 《中国共产党发展党员工作细则》（2026年）第十三条 / Detailed Rules on Developing Party Members (2026), Art. 13 */
/**
 * An edition that is a year reads `（2026年）`; another label reads as given (`（试行）`); an empty edition
 * (a district's own rules, which have none) is left out.
 */
const editionText = (edition: string, locale: Locale): string => {
  if (edition === "") return ""
  if (locale === "en") return ` (${edition})`
  return /^\d{4}$/.test(edition) ? `（${edition}年）` : `（${edition}）`
}

export const formatCitation = (c: Citation, locale: Locale): string =>
  locale === "zh-CN"
    ? `《${c.document.title["zh-CN"]}》${editionText(c.edition, locale)}第${toChineseNumeral(c.article)}条${c.clause ? `第${c.clause}项` : ""}`
    : `${c.document.title.en}${editionText(c.edition, locale)}, Art. ${c.article}${c.clause ? `(${c.clause})` : ""}`

/** The documents the rule packages cite. Editions are given per citation. */
export const documents = {
  /** 《中国共产党发展党员工作细则》 */
  developmentRules: {
    id: "DR",
    title: { "zh-CN": "中国共产党发展党员工作细则", en: "Detailed Rules on Developing Party Members" },
  },
  /** 《中国共产党章程》 */
  constitution: {
    id: "PC",
    title: { "zh-CN": "中国共产党章程", en: "Constitution of the Communist Party of China" },
  },
  /** 《中国共产党支部工作条例（试行）》 */
  branchRegulations: {
    id: "BR",
    title: {
      "zh-CN": "中国共产党支部工作条例（试行）",
      en: "Regulations on the Work of Party Branches (Trial)",
    },
  },
  /** 《中国共产党党员教育管理工作条例》 */
  educationRegulations: {
    id: "EM",
    title: {
      "zh-CN": "中国共产党党员教育管理工作条例",
      en: "Regulations on the Education and Management of Party Members",
    },
  },
  /** 《中国共产党纪律处分条例》 */
  disciplineRegulations: {
    id: "DISC",
    title: { "zh-CN": "中国共产党纪律处分条例", en: "Regulations on Disciplinary Action" },
  },
  /** A district's own rule, for policies that are local practice. */
  districtPolicy: { id: "LOCAL", title: { "zh-CN": "本区工作规定", en: "District policy" } },
} as const satisfies Record<string, Document>
