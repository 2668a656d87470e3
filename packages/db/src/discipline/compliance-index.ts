/**
 * The monthly compliance index's stored answers (`discipline_compliance_index`): per organization and year, the
 * counts of its obligation-periods by the month they end in, stored when evaluated and re-evaluated at read time
 * only for the organizations whose row is missing, whose `recheck_on` has come (or whose `evaluated_on` lies
 * after today) or whose basis changed — the district policy, whether the organization has a committee (7 or
 * more full members), or the basis stamp of its sittings and heart-to-heart talks of the year
 * (`discipline_basis_stamps`, bumped by a trigger on every write of either). The heatmap and the quarter and year roll-ups read the counts, not the meetings.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, type SQL, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { pathInSubtree } from "../org-tree.js"
import { districtOf } from "../platform/policies.js"
import { orgRowInScope, pathInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  disciplineBasisStamps as bs,
  disciplineComplianceIndex as ci,
  districtPolicies,
  orgs,
  QUARTER_COUNTS_ORDER,
  type StoredStatusCounts,
} from "../schema/index.js"
import { hasCommitteeSql } from "./committee-probe.js"

/** An organization of a subtree with what its year's compliance depends on, and its stored row. */
export interface ComplianceBasisRow {
  readonly id: string
  readonly parentId: string | null
  readonly kind: string
  readonly name: string
  readonly path: string
  /** 7 or more full members: a branch committee is elected (BR 9), so committee meetings are owed. */
  readonly hasCommittee: boolean
  /**
   * What the organization's stored row must have been evaluated for (`complianceBasisSql`): the district
   * policy's print, whether a committee is elected, and the basis stamp of the year's sittings and talks
   * (`discipline_basis_stamps`, 0 when none was ever written), which moves on with every insert, update or
   * delete of a sitting or talk dated in the year.
   */
  readonly basis: string
  /**
   * The stored row is missing, was evaluated for another basis, its recheck day has come or it is dated after
   * `today` (compared in SQL, so no date is parsed per row): it must be evaluated again.
   */
  readonly stale: boolean
  /** The stored months; null when there is none, or when asked without them (`withMonths: false`). */
  readonly months: readonly StoredStatusCounts[] | null
}

/**
 * The basis a stored row is evaluated for, as text: `<policyPrint>|<1 if a committee is elected, else 0>|<the
 * basis stamp of the year, 0 when none>` — the one definition, built in SQL, so that the check compares it with
 * the stored `basis` there and ships no fresh organization to Node.
 */
const complianceBasisSql = (policyPrint: string, hasCommittee: SQL, stamp: SQL) =>
  sql`(${policyPrint}::text || '|' || (case when ${hasCommittee} then '1' else '0' end) || '|' || coalesce(${stamp}, 0)::text)`

/** The stored row (`ci`) is missing, of another basis, due for its recheck, or dated after `today`. */
const staleSql = (basis: SQL, today: PlainDate) =>
  sql`(ci.basis is null or ci.basis <> ${basis} or not (ci.evaluated_on <= ${today.toString()}::date and ci.recheck_on > ${today.toString()}::date))`

/**
 * Every organization in the subtree of `orgId` (default: the scope's root; must lie in the scope, else
 * `NotInScope`), ordered by path, with its parent, kind, name, whether it has a committee, the basis its stored
 * row for `year` must have (`policyPrint`: a fingerprint of the district policy the caller evaluates with),
 * whether that row is stale on `today`, and its stored months.
 *
 * One query: the subtree's organizations joined by primary key to their stamps (`discipline_basis_stamps`) and
 * their stored rows — the year's sittings are not read at all, since every write of one bumps its stamp in the
 * same transaction (custom migration `discipline_basis_stamps_triggers`) — with the bounded committee probe
 * (`hasCommitteeSql`). Raw rows, not drizzle's mapping. For a reader that needs every organization's months
 * (the dashboard's overview, the exports); the heatmap reads `complianceHeatmapOf`, which ships only the stale.
 *
 * With `withMonths: false` the stored months are not read (`months` is null on every row).
 */
export const complianceBasesOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  year: number,
  today: PlainDate,
  policyPrint: string,
  options: { readonly withMonths?: boolean } = {},
): Promise<ComplianceBasisRow[]> => {
  const within = await withinOf(db, scope, orgId)
  const inTree = and(
    orgRowInScope(scope),
    within === scope.orgPath ? undefined : pathInSubtree(orgs.path, within),
  )
  const rows = rowsOf<{
    id: string
    parent_id: string | null
    kind: string
    name: string
    path: string
    committee: boolean
    basis: string
    stale: boolean
    months: StoredStatusCounts[] | null
  }>(
    await db.execute(sql`
      select b.*, ${staleSql(sql`b.basis`, today)} as stale,
        ${options.withMonths === false ? sql`null::jsonb` : sql`ci.months`} as months
      from (
        select ${orgs.id} as id, ${orgs.parentId} as parent_id, ${orgs.kind} as kind, ${orgs.name} as name,
          ${orgs.path} as path, p.committee,
          ${complianceBasisSql(policyPrint, sql`p.committee`, sql`bs.stamp`)} as basis
        from ${orgs}
        cross join lateral (select ${hasCommitteeSql(sql`${orgs.id}`)} as committee) as p
        left join ${bs} as bs on bs.org_id = ${orgs.id} and bs.year = ${year}
        where ${inTree}
      ) as b
      left join ${ci} as ci on ci.org_id = b.id and ci.year = ${year}
      order by b.path`),
  )
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind,
    name: r.name,
    path: r.path,
    hasCommittee: r.committee,
    basis: r.basis,
    stale: r.stale,
    months: r.months,
  }))
}

/** An organization whose stored row must be evaluated again (`complianceHeatmapOf`), with its new basis. */
export interface StaleComplianceRow {
  readonly id: string
  readonly kind: string
  readonly hasCommittee: boolean
  readonly basis: string
}

/** The roll-up of one organization of a heatmap: its subtree's stored counts by quarter. */
export interface ComplianceRollupRow {
  readonly orgId: string
  readonly name: string
  readonly kind: string
  /** Null for the heatmap's root. */
  readonly parentId: string | null
  /** Branches in its subtree (itself, if it is one). */
  readonly branches: number
  /** Q1 first: its own obligation-periods and those of every organization below it ending in the quarter. */
  readonly quarters: readonly StoredStatusCounts[]
  /**
   * Q1 first: the branches of its subtree behind in the quarter — at least one of the branch's own
   * obligation-periods ending in it overdue or missed (the dashboard's 纪律约束 panel counts them this quarter).
   */
  readonly branchesBehind: readonly number[]
}

/** A branch of a heatmap's page with its stored months (January first; empty when it has no stored row). */
export interface ComplianceHeatmapBranch {
  readonly orgId: string
  readonly name: string
  readonly parentId: string | null
  readonly months: readonly StoredStatusCounts[]
}

/** What `complianceHeatmapOf` reads in one statement. */
export interface ComplianceHeatmap {
  /**
   * The district's stored overlay of the policy area asked for (`district_policies`), null when it runs the
   * national defaults: the caller checks that the policy print it passed is this overlay's (`policyOfOverlay`).
   */
  readonly overlay: Record<string, unknown> | null
  /** The organizations to evaluate again before the rest may be trusted (ordered by path); usually none. */
  readonly stale: readonly StaleComplianceRow[]
  /** The root first (`parentId` null), then its direct children in path order. */
  readonly rollup: readonly ComplianceRollupRow[]
  /** The page's branches of the subtree, in path order. */
  readonly branches: readonly ComplianceHeatmapBranch[]
  /** Branches in the subtree. */
  readonly total: number
}

const emptyQuarters = (): StoredStatusCounts[] =>
  [0, 1, 2, 3].map(() => ({ met: 0, upcoming: 0, due: 0, overdue: 0, missed: 0 }))

/**
 * A heatmap of the subtree of `root` (an organization of the scope, its path already checked to lie in it) for
 * `year`, as stored, in one statement, together with the checks that make it trustworthy:
 * - `overlay`: the district's overlay of the policy area `policy.area`, so that the caller can confirm that
 *   `policy.print` (the print the stale rows were judged with) is the policy in force, and read again if not;
 * - `stale`: the subtree's organizations whose stored row must be evaluated again on `today` (`policyPrint` as
 *   for `complianceBasesOf`) — compared in SQL, so a read with nothing stale ships no basis row to Node;
 * - `rollup`: the stored quarters (`discipline_compliance_index.quarters`, kept by PostgreSQL from the months)
 *   summed over the subtree of the root and of each of its direct children (each: its own counts plus those of
 *   every organization below it, as `rollUpCounts` of the rules package adds them up the tree), with each one's
 *   branches; an organization without a stored row counts nothing. The child an organization falls under is read
 *   from its path (the segment after the root's), so the sums are one grouped pass, not a join on path ranges;
 *   with them, per quarter, how many of those branches are behind (an own overdue or missed period ending in it);
 * - `branches`: the `page` of the subtree's branches in path order, with their stored months; `total`: how many.
 *
 * When `stale` is not empty the rest is as stored before: evaluate and store those rows
 * (`saveComplianceIndex`), then read again.
 */
export const complianceHeatmapOf = async (
  db: XfDb,
  scope: Scope,
  root: { readonly id: string; readonly path: string },
  year: number,
  today: PlainDate,
  policy: { readonly area: string; readonly print: string },
  page: { readonly offset: number; readonly limit: number },
): Promise<ComplianceHeatmap> => {
  const n = QUARTER_COUNTS_ORDER.length
  const sums = sql.raw(
    Array.from({ length: 4 * n }, (_, i) => `coalesce(sum(quarters[${i + 1}]), 0)::int`).join(", "),
  )
  // A branch is behind in quarter i when its own overdue and missed periods ending in it are more than none.
  const slot = (i: number, k: (typeof QUARTER_COUNTS_ORDER)[number]) =>
    i * n + QUARTER_COUNTS_ORDER.indexOf(k) + 1
  const behind = sql.raw(
    [0, 1, 2, 3]
      .map(
        (i) =>
          `count(*) filter (where kind = 'branch' and coalesce(quarters[${slot(i, "overdue")}], 0) + coalesce(quarters[${slot(i, "missed")}], 0) > 0)::int`,
      )
      .join(", "),
  )
  const inTree = and(
    orgRowInScope(scope),
    root.path === scope.orgPath ? undefined : pathInSubtree(orgs.path, root.path),
  )
  // part 0: a stale organization; 1: the root's roll-up; 2: a child's; 3: a branch of the page (its months in
  // `months`); 4: the district's policy overlay (in `months`), when it has one.
  const rows = rowsOf<{
    part: number
    id: string
    name: string | null
    kind: string | null
    parent_id: string | null
    n: number | null
    basis: string | null
    q: number[] | null
    behind: number[] | null
    months: StoredStatusCounts[] | null
  }>(
    await db.execute(sql`
      with sub as (
        select ${orgs.id} as id, ${orgs.parentId} as parent_id, ${orgs.kind} as kind, ${orgs.name} as name,
          ${orgs.path} as path, bs.stamp, ci.basis as stored, ci.evaluated_on, ci.recheck_on, ci.quarters,
          case when ${orgs.path} = ${root.path} then null
            else split_part(substr(${orgs.path}, ${root.path.length + 2}), '.', 1) end as child
        from ${orgs}
        left join ${bs} as bs on bs.org_id = ${orgs.id} and bs.year = ${year}
        left join ${ci} as ci on ci.org_id = ${orgs.id} and ci.year = ${year}
        where ${inTree}
      ),
      checked as (
        select s.id, s.kind, s.path, s.stored, s.evaluated_on, s.recheck_on, p.committee,
          ${complianceBasisSql(policy.print, sql`p.committee`, sql`s.stamp`)} as basis
        from sub as s cross join lateral (select ${hasCommitteeSql(sql`s.id`)} as committee) as p
      ),
      grouped as (
        select grouping(child) as whole, child, count(*) filter (where kind = 'branch')::int as branches,
          array[${sums}] as q, array[${behind}] as behind
        from sub group by grouping sets ((child), ())
      )
      select 0 as part, c.id, null as name, c.kind, null as parent_id, (case when c.committee then 1 else 0 end) as n,
          c.basis, null::int[] as q, null::int[] as behind, null::jsonb as months, c.path as ord
        from checked as c
        where c.stored is null or c.stored <> c.basis
          or not (c.evaluated_on <= ${today.toString()}::date and c.recheck_on > ${today.toString()}::date)
      union all
      select case when g.whole = 1 then 1 else 2 end, coalesce(g.child, ${root.id}), o.name, o.kind, o.parent_id,
          g.branches, null, g.q, g.behind, null, o.path
        from grouped as g join ${orgs} as o on o.id = coalesce(g.child, ${root.id})
        where (g.whole = 1 or g.child is not null) and ${pathInScope(sql`o.path`, scope)}
      union all
      select 3, p.id, p.name, null, p.parent_id, null, null, null, null, ci.months, p.path
        from (select id, name, parent_id, path from sub where kind = 'branch' order by path
          limit ${page.limit} offset ${page.offset}) as p
        left join ${ci} as ci on ci.org_id = p.id and ci.year = ${year}
      union all
      select 4, null, null, null, null, null, null, null, null, dp.overlay, null
        from ${districtPolicies} as dp
        where dp.org_id = ${districtOf(scope.orgPath)} and dp.area = ${policy.area}
      order by part, ord`),
  )
  const stale: StaleComplianceRow[] = []
  const rollup: ComplianceRollupRow[] = []
  const branches: ComplianceHeatmapBranch[] = []
  let total = 0
  let overlay: Record<string, unknown> | null = null
  const at = (q: readonly number[], i: number, k: (typeof QUARTER_COUNTS_ORDER)[number]) =>
    Number(q[i * n + QUARTER_COUNTS_ORDER.indexOf(k)])
  for (const r of rows) {
    const part = Number(r.part)
    if (part === 0) {
      stale.push({ id: r.id, kind: String(r.kind), hasCommittee: Number(r.n) === 1, basis: String(r.basis) })
    } else if (part === 4) {
      overlay = r.months as unknown as Record<string, unknown> | null
    } else if (part === 3) {
      branches.push({ orgId: r.id, name: String(r.name), parentId: r.parent_id, months: r.months ?? [] })
    } else {
      const q = r.q
      const quarters =
        q === null
          ? emptyQuarters()
          : [0, 1, 2, 3].map((i) => ({
              met: at(q, i, "met"),
              upcoming: at(q, i, "upcoming"),
              due: at(q, i, "due"),
              overdue: at(q, i, "overdue"),
              missed: at(q, i, "missed"),
            }))
      const branchCount = Number(r.n)
      if (part === 1) total = branchCount
      rollup.push({
        orgId: r.id,
        name: String(r.name),
        kind: String(r.kind),
        parentId: part === 1 ? null : r.parent_id,
        branches: branchCount,
        quarters,
        branchesBehind: [0, 1, 2, 3].map((i) => Number(r.behind?.[i] ?? 0)),
      })
    }
  }
  return { overlay, stale, rollup, branches, total }
}

/** One organization's year to store. */
export interface ComplianceIndexEntry {
  readonly orgId: string
  readonly year: number
  readonly basis: string
  readonly evaluatedOn: PlainDate
  readonly recheckOn: PlainDate
  /** Twelve counts, January first. */
  readonly months: readonly StoredStatusCounts[]
}

/**
 * Stores (or replaces) index rows; the only write to discipline_compliance_index. Not scoped itself: the callers
 * pass organizations they loaded in scope (`complianceBasesOf`); row-level security holds it on PostgreSQL.
 */
export const saveComplianceIndex = async (
  db: XfDb,
  entries: readonly ComplianceIndexEntry[],
): Promise<void> => {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insert(ci)
      .values(entries.slice(i, i + 500).map((e) => ({ ...e, months: [...e.months] })))
      .onConflictDoUpdate({
        target: [ci.orgId, ci.year],
        set: {
          basis: sql`excluded.basis`,
          evaluatedOn: sql`excluded.evaluated_on`,
          recheckOn: sql`excluded.recheck_on`,
          months: sql`excluded.months`,
        },
      })
  }
}
