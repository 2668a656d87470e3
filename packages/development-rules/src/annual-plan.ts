import type { Citation } from "@xianfeng/core"
import { dr } from "./citations.js"
import type { OccupationGroup } from "./history.js"
import type { DevelopmentPolicy } from "./policy.js"

/** An organization's pipeline: candidates for membership and activists per occupation group, and past admissions. */
export interface OrganizationPipeline {
  readonly orgId: string
  readonly developmentObjects: Readonly<Partial<Record<OccupationGroup, number>>>
  readonly activists: Readonly<Partial<Record<OccupationGroup, number>>>
  /** Admissions (branch meetings admitting someone) per calendar year. */
  readonly admissionsByYear?: Readonly<Record<number, number>>
}

export interface Allocation {
  readonly orgId: string
  readonly quota: number
  readonly weight: number
  /** How many could be developed at most: the candidates for membership on file. */
  readonly capacity: number
}

const sum = (r: Readonly<Partial<Record<OccupationGroup, number>>>): number =>
  Object.values(r).reduce((a: number, b) => a + (b ?? 0), 0)

/**
 * Weight of an organization: Σ over occupation groups of `priorityWeights[g] × (objects_g + ½ × activists_g)`.
 * Candidates for membership count fully (they can be admitted this year), activists half (some will be).
 */
export const allocationWeight = (o: OrganizationPipeline, policy: DevelopmentPolicy): number => {
  let w = 0
  for (const [g, weight] of Object.entries(policy.priorityWeights) as [OccupationGroup, number][])
    w += weight * ((o.developmentObjects[g] ?? 0) + 0.5 * (o.activists[g] ?? 0))
  return w
}

/**
 * Splits a district's annual total between organizations (DR 38: annual plan; DR 37: priority groups).
 * Deterministic largest-remainder method: each organization gets ⌊total × w/W⌋, the rest go one by one to the
 * largest fractional parts (ties: larger weight, then org id). No organization gets more than its capacity
 * (its candidates for membership); what a capped organization cannot take is shared again among the others.
 */
export const allocateAnnualPlan = (
  total: number,
  organizations: readonly OrganizationPipeline[],
  policy: DevelopmentPolicy,
): readonly Allocation[] => {
  const rows = organizations.map((o) => ({
    orgId: o.orgId,
    weight: allocationWeight(o, policy),
    capacity: sum(o.developmentObjects),
    quota: 0,
  }))
  let left = Math.max(0, Math.floor(total))
  for (let round = 0; round < organizations.length + 1 && left > 0; round++) {
    const open = rows.filter((r) => r.quota < r.capacity && r.weight > 0)
    const W = open.reduce((a, r) => a + r.weight, 0)
    if (W === 0) break
    const shares = open.map((r) => {
      const exact = (left * r.weight) / W
      return { r, base: Math.min(Math.floor(exact), r.capacity - r.quota), frac: exact - Math.floor(exact) }
    })
    let given = 0
    for (const s of shares) {
      s.r.quota += s.base
      given += s.base
    }
    let rest = left - given
    const order = shares
      .filter((s) => s.r.quota < s.r.capacity)
      .sort((a, b) => b.frac - a.frac || b.r.weight - a.r.weight || (a.r.orgId < b.r.orgId ? -1 : 1))
    for (const s of order) {
      if (rest === 0) break
      s.r.quota += 1
      rest -= 1
    }
    left = rest
  }
  return rows.map(({ orgId, quota, weight, capacity }) => ({ orgId, quota, weight, capacity }))
}

export interface DormantOrganization {
  readonly orgId: string
  readonly pipeline: number
  readonly years: readonly number[]
  readonly citations: readonly Citation[]
}

/**
 * The calendar years the dormant check looks at for `year` (DR 37): the `policy.dormantYears` years up to and
 * including `year`, oldest first. Admissions before the first of them do not matter to it.
 */
export const dormantWindow = (
  year: number,
  policy: Pick<DevelopmentPolicy, "dormantYears">,
): readonly number[] =>
  Array.from({ length: policy.dormantYears }, (_, i) => year - policy.dormantYears + 1 + i)

/**
 * Organizations that could develop members (activists + candidates for membership ≥ `qualifyingPipeline`) but admitted
 * nobody in the `dormantYears` calendar years up to `year`: they need guidance, possibly rectification (DR 37).
 */
export const dormantOrganizations = (
  organizations: readonly OrganizationPipeline[],
  year: number,
  policy: DevelopmentPolicy,
): readonly DormantOrganization[] => {
  const years = dormantWindow(year, policy)
  return organizations
    .filter((o) => sum(o.activists) + sum(o.developmentObjects) >= policy.qualifyingPipeline)
    .filter((o) => years.every((y) => (o.admissionsByYear?.[y] ?? 0) === 0))
    .map((o) => ({
      orgId: o.orgId,
      pipeline: sum(o.activists) + sum(o.developmentObjects),
      years,
      citations: [dr(37)],
    }))
}
