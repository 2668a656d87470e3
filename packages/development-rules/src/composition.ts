import { ageOn, type LocalizedText, type PlainDate } from "@xianfeng/core"
import type { Education, OccupationGroup } from "./history.js"

/** Where a person stands in the pipeline. */
export type PipelineRole = "applicant" | "activist" | "development-object"

/** One person of the pipeline, as the db hands it over. */
export interface PipelinePerson {
  readonly orgId: string
  readonly role: PipelineRole
  readonly birthDate: PlainDate
  readonly gender?: "female" | "male"
  readonly ethnicity?: string
  readonly education?: Education
  readonly occupation?: OccupationGroup
}

/** Age bands of the analysis: upper bounds inclusive, the last open. */
export const ageBands: readonly {
  readonly key: string
  readonly max: number
  readonly label: LocalizedText
}[] = [
  { key: "18-25", max: 25, label: { "zh-CN": "25岁及以下", en: "25 and under" } },
  { key: "26-35", max: 35, label: { "zh-CN": "26至35岁", en: "26 to 35" } },
  { key: "36-45", max: 45, label: { "zh-CN": "36至45岁", en: "36 to 45" } },
  { key: "46-55", max: 55, label: { "zh-CN": "46至55岁", en: "46 to 55" } },
  { key: "56+", max: Number.POSITIVE_INFINITY, label: { "zh-CN": "56岁及以上", en: "56 and over" } },
]

export const ageBandOf = (birthDate: PlainDate, asOf: PlainDate): string => {
  const age = ageOn(birthDate, asOf)
  return ageBands.find((b) => age <= b.max)?.key ?? "56+"
}

export interface CompositionRow {
  readonly key: string
  readonly applicants: number
  readonly activists: number
  readonly developmentObjects: number
  readonly total: number
}

export type CompositionDimension =
  | "occupation"
  | "ageBand"
  | "education"
  | "gender"
  | "ethnicity"
  | "organization"

/** Counts of applicants, activists and candidates for membership by each dimension (DR 11 yearly pool analysis). */
export interface Composition {
  readonly asOf: PlainDate
  readonly total: CompositionRow
  readonly by: Readonly<Record<CompositionDimension, readonly CompositionRow[]>>
}

const keyOf = (p: PipelinePerson, dim: CompositionDimension, asOf: PlainDate): string => {
  switch (dim) {
    case "occupation":
      return p.occupation ?? "other"
    case "ageBand":
      return ageBandOf(p.birthDate, asOf)
    case "education":
      return p.education ?? "unknown"
    case "gender":
      return p.gender ?? "unknown"
    case "ethnicity":
      return p.ethnicity ?? "unknown"
    case "organization":
      return p.orgId
  }
}

const tally = (key: string, people: readonly PipelinePerson[]): CompositionRow => {
  const n = (r: PipelineRole) => people.filter((p) => p.role === r).length
  return {
    key,
    applicants: n("applicant"),
    activists: n("activist"),
    developmentObjects: n("development-object"),
    total: people.length,
  }
}

const dimensions: readonly CompositionDimension[] = [
  "occupation",
  "ageBand",
  "education",
  "gender",
  "ethnicity",
  "organization",
]

/** Rows are sorted by key so that two runs over the same data read the same. */
export const compositionAnalysis = (people: readonly PipelinePerson[], asOf: PlainDate): Composition => {
  const by = Object.fromEntries(
    dimensions.map((dim) => {
      const groups = new Map<string, PipelinePerson[]>()
      for (const p of people) {
        const k = keyOf(p, dim, asOf)
        groups.set(k, [...(groups.get(k) ?? []), p])
      }
      const rows = [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, ps]) => tally(k, ps))
      return [dim, rows]
    }),
  ) as Record<CompositionDimension, CompositionRow[]>
  return { asOf, total: tally("total", people), by }
}
