import type { OrganizationPipeline } from "./annual-plan.js"
import type { PipelinePerson } from "./composition.js"
import type { OccupationGroup } from "./history.js"

/** How many people of one organization were admitted (by a branch meeting) in one calendar year. */
export interface AdmissionCount {
  readonly orgId: string
  readonly year: number
  readonly count: number
}

type Counts = Partial<Record<OccupationGroup, number>>

const total = (r: Readonly<Counts>): number => Object.values(r).reduce((a: number, b) => a + (b ?? 0), 0)

/**
 * Each organization's pipeline (DR 37, DR 38): its candidates for membership and activists per priority group (a
 * person without one counts as "other"; applicants are not counted) and its admissions per year. An
 * organization appears when it has anyone in the pipeline or any admission; the order is first appearance.
 */
export const organizationPipelines = (
  people: readonly PipelinePerson[],
  admissions: readonly AdmissionCount[],
): OrganizationPipeline[] => {
  const by = new Map<
    string,
    { developmentObjects: Counts; activists: Counts; admissionsByYear: Record<number, number> }
  >()
  const get = (id: string) => {
    let o = by.get(id)
    if (o === undefined) {
      o = { developmentObjects: {}, activists: {}, admissionsByYear: {} }
      by.set(id, o)
    }
    return o
  }
  for (const p of people) {
    const g = p.occupation ?? "other"
    if (p.role === "development-object") {
      const o = get(p.orgId).developmentObjects
      o[g] = (o[g] ?? 0) + 1
    } else if (p.role === "activist") {
      const o = get(p.orgId).activists
      o[g] = (o[g] ?? 0) + 1
    }
  }
  for (const a of admissions) get(a.orgId).admissionsByYear[a.year] = a.count
  return [...by.entries()].map(([orgId, o]) => ({ orgId, ...o }))
}

/**
 * The pipelines of the units an annual plan is split between (DR 38: a district splits its plan between its
 * committees, a committee between its branches): each unit carries the candidates for membership and activists of
 * every organization `unitOf` maps to it; organizations mapped to no unit are left out, and a unit with nobody
 * has an empty pipeline. One pipeline per unit, in the order of `units`; admissions are not rolled up.
 */
export const rollUpPipelines = (
  pipelines: readonly OrganizationPipeline[],
  units: readonly string[],
  unitOf: ReadonlyMap<string, string>,
): OrganizationPipeline[] => {
  const rolled = new Map<string, { developmentObjects: Counts; activists: Counts }>(
    units.map((u) => [u, { developmentObjects: {}, activists: {} }]),
  )
  for (const p of pipelines) {
    const target = rolled.get(unitOf.get(p.orgId) ?? "")
    if (target === undefined) continue
    for (const [g, n] of Object.entries(p.developmentObjects) as [OccupationGroup, number | undefined][])
      target.developmentObjects[g] = (target.developmentObjects[g] ?? 0) + (n ?? 0)
    for (const [g, n] of Object.entries(p.activists) as [OccupationGroup, number | undefined][])
      target.activists[g] = (target.activists[g] ?? 0) + (n ?? 0)
  }
  return units.map((u) => ({ orgId: u, ...(rolled.get(u) ?? { developmentObjects: {}, activists: {} }) }))
}

/** The candidates for membership on file: how many an organization could admit this year at most (DR 38). */
export const developmentObjectsOf = (p: OrganizationPipeline): number => total(p.developmentObjects)

/**
 * The share of an organization's pipeline (candidates for membership and activists) that belongs to a DR 37
 * priority group — everyone not "other" — as a fraction in [0, 1]; 0 for an empty pipeline.
 */
export const priorityShareOf = (p: OrganizationPipeline): number => {
  const people = total(p.developmentObjects) + total(p.activists)
  if (people === 0) return 0
  const priority = people - (p.developmentObjects.other ?? 0) - (p.activists.other ?? 0)
  return priority / people
}
