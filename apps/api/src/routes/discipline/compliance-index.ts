import { createHash } from "node:crypto"
import { type PlainDate, Temporal } from "@xianfeng/core"
import {
  type ComplianceHeatmap,
  type ComplianceIndexEntry,
  complianceBasesOf,
  complianceHeatmapOf,
  districtOf,
  loadAreaPolicy,
  policyOfOverlay,
  type Scope,
  saveComplianceIndex,
  sittingsOfOrgs,
  talksOfOrgs,
  type XfDb,
} from "@xianfeng/db"
import {
  complianceOf,
  type DisciplinePolicy,
  disciplinePolicy,
  monthlyCounts,
  type OrgShape,
  recheckOn,
  type Sitting,
  type SittingType,
  type StatusCounts,
  type TalkPair,
  talkOf,
} from "@xianfeng/inspection-scheduling"

/** An organization of the subtree with its year's counts by month (January first), as stored and checked. */
export interface YearComplianceRow {
  readonly id: string
  readonly parentId: string | null
  readonly kind: string
  readonly name: string
  readonly months: readonly StatusCounts[]
}

/**
 * The year's compliance of every organization in the subtree of `orgId` (default: the scope's root; else
 * `NotInScope`), as of `today`: for each, how many obligation-periods ending in each month are met, upcoming,
 * due, overdue or missed (`complianceOf` counted by `monthlyCounts`), ordered by path.
 *
 * Read from the stored monthly index (`discipline_compliance_index`); in the same transaction, only the
 * organizations whose row is missing, whose recheck day (`recheckOn` of the rules package) has come, whose row is
 * dated after today, or whose basis changed (the district policy, whether a committee is elected, or the basis
 * stamp of the year's sittings and talks, which a trigger bumps in the same transaction as every write of either —
 * so a recorded, edited, imported or deleted sitting is seen at once) are evaluated again and stored. Chosen over a nightly job, like the pipeline and calendar indexes: the
 * answer is today's for whoever asks first and nothing depends on a scheduler.
 */
export const yearComplianceOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  year: number,
  today: PlainDate,
): Promise<readonly YearComplianceRow[]> => {
  const { policy, print } = await disciplinePolicyOf(db, scope)
  const bases = await complianceBasesOf(db, scope, orgId, year, today, print)
  const fresh = await evaluateAndStore(
    db,
    scope,
    bases.filter((b) => b.stale),
    year,
    today,
    policy,
  )
  return bases.map((b) => ({
    id: b.id,
    parentId: b.parentId,
    kind: b.kind,
    name: b.name,
    months: fresh.get(b.id) ?? b.months ?? [],
  }))
}

/**
 * The district policy of the scope's district and its print (the first 16 hex digits of the SHA-256 of its
 * JSON), which every stored row's basis starts with: a changed policy makes every row stale.
 */
export const disciplinePolicyOf = async (
  db: XfDb,
  scope: Scope,
): Promise<{ readonly policy: DisciplinePolicy; readonly print: string }> =>
  withPrint((await loadAreaPolicy(db, scope.orgPath, disciplinePolicy)).policy)

const withPrint = (policy: DisciplinePolicy) => ({
  policy,
  print: createHash("sha256").update(JSON.stringify(policy)).digest("hex").slice(0, 16),
})

/** The district policy for a district's stored overlay (null: none), with its print (`disciplinePolicyOf`). */
export const disciplinePolicyOfOverlay = (
  overlay: Record<string, unknown> | null,
): { readonly policy: DisciplinePolicy; readonly print: string } =>
  withPrint(policyOfOverlay(disciplinePolicy, overlay).policy)

/**
 * Evaluates the year of each of the `stale` organizations (`complianceOf` over its sittings and heart-to-heart
 * talks dated in `year`, as of `today`, counted by `monthlyCounts`) and stores it with its new basis
 * (`saveComplianceIndex`); returns the months by organization id. Reads only the stale organizations' sittings
 * and talks; nothing at all when none is stale.
 */
export const evaluateAndStore = async (
  db: XfDb,
  scope: Scope,
  stale: readonly {
    readonly id: string
    readonly kind: string
    readonly hasCommittee: boolean
    readonly basis: string
  }[],
  year: number,
  today: PlainDate,
  policy: DisciplinePolicy,
): Promise<ReadonlyMap<string, readonly StatusCounts[]>> => {
  const fresh = new Map<string, readonly StatusCounts[]>()
  if (stale.length === 0) return fresh
  const from = Temporal.PlainDate.from({ year, month: 1, day: 1 })
  const to = Temporal.PlainDate.from({ year, month: 12, day: 31 })
  const byOrg = new Map<string, Sitting[]>()
  const add = (id: string, s: Sitting) => {
    const list = byOrg.get(id)
    if (list === undefined) byOrg.set(id, [s])
    else list.push(s)
  }
  const staleIds = stale.map((b) => b.id)
  for (const s of await sittingsOfOrgs(db, scope, staleIds, from, to))
    add(s.orgId, { id: s.id, on: s.onDate, counts: s.types as readonly SittingType[] })
  // Heart-to-heart talks (谈心谈话, BR 19) count for their yearly obligations.
  for (const t of await talksOfOrgs(db, scope, staleIds, from, to))
    add(t.orgId, talkOf(t.id, t.onDate, t.pair as TalkPair))
  const entries = stale.map((b): ComplianceIndexEntry => {
    const periods = complianceOf({
      org: { kind: b.kind as OrgShape["kind"], hasCommittee: b.hasCommittee, hasGroups: false },
      sittings: byOrg.get(b.id) ?? [],
      from,
      to,
      asOf: today,
      policy,
    })
    const months = monthlyCounts(periods, year)
    fresh.set(b.id, months)
    return {
      orgId: b.id,
      year,
      basis: b.basis,
      evaluatedOn: today,
      recheckOn: recheckOn(periods, today, policy),
      months,
    }
  })
  await saveComplianceIndex(db, entries)
  return fresh
}

/**
 * The print of the district policy each district's stored compliance was last read with (`checkedHeatmapOf`: the
 * heatmap and the dashboard's overview), by district: a read judges the stored rows with it in the same statement
 * that returns the policy in force, and reads again only when they differ (the first read of a process, or after
 * the district changed its policy). A hint, never trusted.
 */
const lastPrint = new Map<string, string>()

/**
 * The stored compliance of the subtree of `root` for `year` as of `today`, checked (`complianceHeatmapOf` of the
 * database: the roll-ups of the root and its direct children, per quarter, with the branches behind; `page` of its
 * branches with their months) — in one statement when nothing is stale and the district's policy is the one this
 * process last saw; else judged with the policy in force, the stale organizations evaluated and stored
 * (`evaluateAndStore`), and read again. The heatmap and the dashboard's 纪律约束 panel read through it.
 */
export const checkedHeatmapOf = async (
  db: XfDb,
  scope: Scope,
  root: { readonly id: string; readonly path: string },
  year: number,
  today: PlainDate,
  page: { readonly offset: number; readonly limit: number },
): Promise<ComplianceHeatmap> => {
  const district = districtOf(scope.orgPath)
  const read = (print: string) =>
    complianceHeatmapOf(db, scope, root, year, today, { area: disciplinePolicy.id, print }, page)
  const guess = lastPrint.get(district) ?? ""
  let heatmap = await read(guess)
  const { policy, print } = disciplinePolicyOfOverlay(heatmap.overlay)
  lastPrint.set(district, print)
  if (print !== guess) heatmap = await read(print)
  if (heatmap.stale.length > 0) {
    // Those rows are evaluated again and stored first; then the heatmap is read again from the stored rows.
    await evaluateAndStore(db, scope, heatmap.stale, year, today, policy)
    heatmap = await read(print)
  }
  return heatmap
}
