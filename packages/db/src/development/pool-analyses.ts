/** Yearly analyses of the activist pool (入党积极分子队伍状况分析, DR 11): one write path and the reads. */
import type { PlainDate } from "@xianfeng/core"
import { Temporal } from "@xianfeng/core"
import { and, asc, eq, gte, lt } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { orgInScope, type Scope } from "../platform/scope.js"
import { type ActivistPoolAnalysisRow, activistPoolAnalyses } from "../schema/index.js"

/** One analysis to store, as the rules package's schema decoded it. */
export interface ActivistPoolAnalysisEntry {
  readonly orgId: string
  readonly onDate: PlainDate
  readonly analysedBy: string
  readonly activists: number
  readonly problems: string
  readonly measures: string
  readonly recordedBy: string | null
  readonly recordedAt: Date
}

/**
 * Stores one analysis for an organization inside the scope (else `NotInScope`); the only write to
 * development_activist_pool_analyses. Write the audit row in the same transaction.
 */
export const recordActivistPoolAnalysis = async (
  db: XfDb,
  scope: Scope,
  entry: ActivistPoolAnalysisEntry,
): Promise<ActivistPoolAnalysisRow> => {
  await orgInScope(db, scope, entry.orgId)
  const [row] = await db.insert(activistPoolAnalyses).values(entry).returning()
  if (row === undefined) throw new Error("insert into development_activist_pool_analyses returned no row")
  return row
}

/** The analyses of one organization (inside the scope, else `NotInScope`) dated in calendar `year`, oldest first. */
export const activistPoolAnalysesOf = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
  year: number,
): Promise<ActivistPoolAnalysisRow[]> => {
  await orgInScope(db, scope, orgId)
  return db
    .select()
    .from(activistPoolAnalyses)
    .where(
      and(
        eq(activistPoolAnalyses.orgId, orgId),
        gte(activistPoolAnalyses.onDate, Temporal.PlainDate.from({ year, month: 1, day: 1 })),
        lt(activistPoolAnalyses.onDate, Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 })),
      ),
    )
    .orderBy(asc(activistPoolAnalyses.onDate), asc(activistPoolAnalyses.recordedAt))
}
