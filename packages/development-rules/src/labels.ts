import type { LocalizedText } from "@xianfeng/core"
import { evidenceValueTerms } from "./glossary.js"
import {
  ArchiveItem,
  type CommitteeLevel,
  PoliticalReviewItem,
  PreReviewLevel,
  SanctionKind,
} from "./steps.js"

/**
 * The glossary's terms for `keys` as verdict labels: the ledger, the admin and the verdicts say one word for each
 * (a term changes in `glossary.ts` alone).
 */
const termsOf = <K extends keyof typeof evidenceValueTerms>(
  keys: readonly K[],
): Readonly<Record<K, LocalizedText>> =>
  Object.fromEntries(
    keys.map((k) => [k, { "zh-CN": evidenceValueTerms[k].zh, en: evidenceValueTerms[k].en }]),
  ) as Record<K, LocalizedText>

export const politicalReviewItemLabels: Readonly<Record<PoliticalReviewItem, LocalizedText>> = termsOf(
  PoliticalReviewItem.literals,
)

export const archiveItemLabels: Readonly<Record<ArchiveItem, LocalizedText>> = termsOf(ArchiveItem.literals)

export const sanctionLabels: Readonly<Record<SanctionKind, LocalizedText>> = termsOf(SanctionKind.literals)

export const preReviewLevelLabels: Readonly<Record<PreReviewLevel, LocalizedText>> = termsOf(
  PreReviewLevel.literals,
)

// Not from the glossary: the verdicts name the higher committees in the constitution's longer wording.
export const committeeLevelLabels: Readonly<Record<CommitteeLevel, LocalizedText>> = {
  "central-committee": { "zh-CN": "党中央", en: "the Central Committee" },
  "provincial-committee": { "zh-CN": "省（自治区、直辖市）党委", en: "a provincial committee" },
  "city-committee": { "zh-CN": "市级党委", en: "a city committee" },
  "county-committee": { "zh-CN": "县级党委", en: "a county committee" },
  "grassroots-committee": { "zh-CN": "基层党委", en: "a grassroots committee" },
}

/** Both renderings of a list of labelled keys, as verdict parameters `{name}` and `{nameZh}`. */
export const labelList = <K extends string>(
  keys: readonly K[],
  labels: Readonly<Record<K, LocalizedText>>,
): { en: string; zh: string } => ({
  en: keys.map((k) => labels[k].en).join(", "),
  zh: keys.map((k) => labels[k]["zh-CN"]).join("、"),
})
