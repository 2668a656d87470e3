/**
 * The monthly compliance index's stored answers (`discipline_compliance_index`): per organization and year, the
 * counts of its obligation-periods by the month they end in, stored when evaluated and re-evaluated at read time
 * only for the organizations whose row is missing, whose `recheck_on` has come (or whose `evaluated_on` lies
 * after today) or whose basis changed — the district policy, whether the organization has a committee (7 or
 * more full members), or the basis stamp of its sittings and heart-to-heart talks of the year
 * (`discipline_basis_stamps`, bumped by a trigger on every write of either). The heatmap and the quarter and year roll-ups read the counts, not the meetings.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { pathInSubtree } from "../org-tree.js"
import { orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  disciplineBasisStamps as bs,
  disciplineComplianceIndex as ci,
  members,
  orgs,
  QUARTER_COUNTS_ORDER,
  type StoredStatusCounts,
} from "../schema/index.js"

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
   * The basis stamp of the year's sittings and talks (`discipline_basis_stamps`; 0 when none was ever written):
   * it moves on with every insert, update or delete of a sitting or talk dated in the year.
   */
  readonly sittingsStamp: number
  /** The stored row's basis; null when there is none. */
  readonly storedBasis: string | null
  /**
   * The stored row's days hold on `today`: it was evaluated on or before it and its recheck day comes after it
   * (compared in SQL, so no date is parsed per row); false when there is no stored row.
   */
  readonly datesHold: boolean
  /** The stored months; null when there is none, or when asked without them (`withMonths: false`). */
  readonly months: readonly StoredStatusCounts[] | null
}

/** A committee is elected at this many full members (BR 9; as `subtreeSittings`' counts are read). */
const COMMITTEE_AT = 7

/**
 * Every organization in the subtree of `orgId` (default: the scope's root; must lie in the scope, else
 * `NotInScope`), ordered by path, with its parent, kind, name, whether it has a committee, the basis stamp of its
 * sittings and talks dated in `year`, and its stored index row for that year (if any): its basis, whether its
 * days hold on `today`, and its months.
 *
 * One query: the subtree's organizations joined by primary key to their stamps (`discipline_basis_stamps`) and
 * their stored rows — the year's sittings are not read at all, since every write of one bumps its stamp in the
 * same transaction (custom migration `discipline_basis_stamps_triggers`). Whether a committee is elected stays a
 * bounded probe per organization (at most `COMMITTEE_AT` entries of the partial index `members_org_full_idx`
 * each): members are written by many areas, and a grouped pass over them would read the whole membership — a
 * million rows in the province — on every read.
 *
 * With `withMonths: false` the stored months are not read (`months` is null on every row): a province's 12
 * months of every organization are half a megabyte of JSON, and a heatmap needs them only for one page of
 * branches (`storedMonthsOf`) and the roll-ups (`complianceRollupOf`, summed in SQL).
 */
export const complianceBasesOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
  year: number,
  today: PlainDate,
  options: { readonly withMonths?: boolean } = {},
): Promise<ComplianceBasisRow[]> => {
  const within = await withinOf(db, scope, orgId)
  const inTree = and(
    orgRowInScope(scope),
    within === scope.orgPath ? undefined : pathInSubtree(orgs.path, within),
  )
  const rows = await db
    .select({
      id: orgs.id,
      parentId: orgs.parentId,
      kind: orgs.kind,
      name: orgs.name,
      path: orgs.path,
      hasCommittee:
        sql<boolean>`(select count(*) from (select 1 from ${members} where ${members.orgId} = ${orgs.id} and ${members.stage} = 'full' limit ${COMMITTEE_AT}) as f) >= ${COMMITTEE_AT}`.mapWith(
          Boolean,
        ),
      sittingsStamp: sql<number>`coalesce(${bs.stamp}, 0)`.mapWith(Number),
      storedBasis: ci.basis,
      datesHold:
        sql<boolean>`coalesce(${ci.evaluatedOn} <= ${today.toString()}::date and ${ci.recheckOn} > ${today.toString()}::date, false)`.mapWith(
          Boolean,
        ),
      months: options.withMonths === false ? sql<null>`null`.mapWith(() => null) : ci.months,
    })
    .from(orgs)
    .leftJoin(bs, and(eq(bs.orgId, orgs.id), eq(bs.year, year)))
    .leftJoin(ci, and(eq(ci.orgId, orgs.id), eq(ci.year, year)))
    .where(inTree)
    .orderBy(asc(orgs.path))
  return rows as ComplianceBasisRow[]
}

/** One organization's stored counts summed over its subtree for each quarter (Q1 first). */
export interface ComplianceRollupRow {
  readonly orgId: string
  readonly quarters: readonly StoredStatusCounts[]
}

/**
 * The stored months of every organization in the subtree of `rootPath` (a path already checked to lie in the
 * scope; its organization is `rootId`) summed by quarter, for the subtree's root and for each of its direct
 * children (each: its own counts plus those of every organization below it, as `rollUpCounts` of the rules
 * package adds them up the tree). Summed in SQL from the stored quarters (`discipline_compliance_index.quarters`,
 * which PostgreSQL keeps from the months), so no JSON is parsed or sent; organizations without a stored row count
 * nothing (callers store every stale row first). The root comes first, with four empty quarters when nothing is
 * stored; a child with no stored row anywhere in its subtree is absent (count it empty).
 *
 * In the same statement, the stored months (twelve counts, January first) of the organizations `monthsOf` (a
 * heatmap's page of branches), by organization id; one without a stored row is absent.
 */
export const complianceRollupOf = async (
  db: XfDb,
  scope: Scope,
  rootId: string,
  rootPath: string,
  year: number,
  monthsOf: readonly string[] = [],
): Promise<{
  readonly rollup: ComplianceRollupRow[]
  readonly months: ReadonlyMap<string, readonly StoredStatusCounts[]>
}> => {
  const n = QUARTER_COUNTS_ORDER.length
  const sums = sql.raw(
    Array.from({ length: 4 * n }, (_, i) => `coalesce(sum(ci.quarters[${i + 1}]), 0)::int`).join(", "),
  )
  const page =
    monthsOf.length === 0
      ? sql``
      : sql`
      union all
      select 2, ci.org_id, null, ci.months
        from ${ci} as ci join ${orgs} on ${orgs.id} = ci.org_id
        where ci.year = ${year} and ci.org_id in (${sql.join(
          monthsOf.map((id) => sql`${id}`),
          sql`, `,
        )}) and ${orgRowInScope(scope)}`
  const rows = rowsOf<{
    whole: number
    child: string | null
    q: number[] | null
    months: StoredStatusCounts[] | null
  }>(
    await db.execute(sql`
      select grouping(c.id)::int as whole, c.id as child, array[${sums}] as q, null::jsonb as months
        from ${orgs}
        join ${ci} as ci on ci.org_id = ${orgs.id} and ci.year = ${year}
        left join ${orgs} as c on c.parent_id = ${rootId}
          and (${orgs.path} = c.path or (${orgs.path} ~>=~ (c.path || '.') and ${orgs.path} ~<~ (c.path || '/')))
        where ${orgRowInScope(scope)} and ${pathInSubtree(orgs.path, rootPath)}
        group by grouping sets ((c.id), ())${page}`),
  )
  const months = new Map<string, readonly StoredStatusCounts[]>()
  const empty = (): StoredStatusCounts[] =>
    [0, 1, 2, 3].map(() => ({ met: 0, upcoming: 0, due: 0, overdue: 0, missed: 0 }))
  const out = new Map<string, StoredStatusCounts[]>([[rootId, empty()]])
  for (const r of rows) {
    if (Number(r.whole) === 2) {
      if (r.child !== null && r.months !== null) months.set(r.child, r.months)
      continue
    }
    // The grouping set without the child is the root's (the whole subtree); with it, a null child holds the
    // root's own row, which only the whole counts.
    const key = Number(r.whole) === 1 ? rootId : r.child
    const q = r.q
    if (key === null || q === null) continue
    const at = (i: number, k: (typeof QUARTER_COUNTS_ORDER)[number]) =>
      Number(q[i * n + QUARTER_COUNTS_ORDER.indexOf(k)])
    out.set(
      key,
      [0, 1, 2, 3].map((i) => ({
        met: at(i, "met"),
        upcoming: at(i, "upcoming"),
        due: at(i, "due"),
        overdue: at(i, "overdue"),
        missed: at(i, "missed"),
      })),
    )
  }
  return { rollup: [...out].map(([orgId, quarters]) => ({ orgId, quarters })), months }
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
