import { createHash } from "node:crypto"
import { type PlainDate, Temporal } from "@xianfeng/core"
import {
  type ComplianceBasisRow,
  type ComplianceIndexEntry,
  complianceBasesOf,
  loadAreaPolicy,
  type Scope,
  saveComplianceIndex,
  sittingsOfOrgs,
  subtreeTalks,
  type XfDb,
} from "@xianfeng/db"
import {
  complianceOf,
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
  const { bases, fresh } = await refreshYearCompliance(db, scope, orgId, year, today, true)
  return bases.map((b) => ({
    id: b.id,
    parentId: b.parentId,
    kind: b.kind,
    name: b.name,
    months: fresh.get(b.id) ?? b.months ?? [],
  }))
}

/**
 * The subtree's organizations (as `complianceBasesOf` reads them, ordered by path; with their stored months only
 * when `withMonths`) after every stale row has been evaluated again and stored in this transaction (as
 * `yearComplianceOf` says), with the months evaluated now by organization id. Without the months, a caller reads
 * what it needs of the stored rows afterwards (`storedMonthsOf`, `complianceRollupOf`): they are up to date.
 */
export const refreshYearCompliance = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  year: number,
  today: PlainDate,
  withMonths: boolean,
): Promise<{
  readonly bases: readonly ComplianceBasisRow[]
  readonly fresh: ReadonlyMap<string, readonly StatusCounts[]>
}> => {
  const { policy } = await loadAreaPolicy(db, scope.orgPath, disciplinePolicy)
  const policyPrint = createHash("sha256").update(JSON.stringify(policy)).digest("hex").slice(0, 16)
  const bases = await complianceBasesOf(db, scope, orgId, year, today, { withMonths })
  const basisOf = (b: ComplianceBasisRow) => `${policyPrint}|${b.hasCommittee ? 1 : 0}|${b.sittingsStamp}`
  // Stale: no stored row, another basis, its recheck day has come, or it is dated after today.
  const stale = bases.filter((b) => b.storedBasis === null || b.storedBasis !== basisOf(b) || !b.datesHold)
  const fresh = new Map<string, readonly StatusCounts[]>()
  if (stale.length > 0) {
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
    const wanted = new Set(staleIds)
    for (const t of await subtreeTalks(db, scope, orgId, from, to))
      if (wanted.has(t.orgId)) add(t.orgId, talkOf(t.id, t.onDate, t.pair as TalkPair))
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
        basis: basisOf(b),
        evaluatedOn: today,
        recheckOn: recheckOn(periods, today, policy),
        months,
      }
    })
    await saveComplianceIndex(db, entries)
  }
  return { bases, fresh }
}
