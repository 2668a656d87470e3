/**
 * 抓基层党建述职评议考核: the secretaries' reviews, and the indicators the other areas have recorded (meetings
 * and orders from discipline, development quality from the pipeline index), read for pre-filling.
 */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, count, eq, gte, inArray, lte, ne, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { inSubtree, pathInSubtree } from "../org-tree.js"
import { orgInScope, orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  type AppraisalSecretaryReview,
  appraisalSecretaryReviews,
  developmentPipelineIndex,
  disciplineOrders,
  members,
  orgs,
} from "../schema/index.js"

export interface SecretaryReviewRow extends AppraisalSecretaryReview {
  readonly orgName: string
}

/** The reviews of `year` in the subtree of `orgId` (default: the scope's root), by organization path. */
export const secretaryReviewsInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly year: number },
): Promise<readonly SecretaryReviewRow[]> => {
  const within = await withinOf(db, scope, query.orgId)
  const rows = await db
    .select({ review: appraisalSecretaryReviews, orgName: orgs.name })
    .from(appraisalSecretaryReviews)
    .innerJoin(orgs, eq(orgs.id, appraisalSecretaryReviews.orgId))
    .where(
      and(
        orgRowInScope(scope),
        pathInSubtree(orgs.path, within),
        eq(appraisalSecretaryReviews.year, query.year),
      ),
    )
    .orderBy(asc(orgs.path))
  return rows.map((r) => ({ ...r.review, orgName: r.orgName }))
}

export interface SecretaryReviewEntry {
  readonly orgId: string
  readonly year: number
  readonly secretaryName: string
  readonly reportSubmitted: boolean
  readonly comments: readonly string[]
  readonly votes: { good: number; fair: number; average: number; poor: number }
  readonly indicators: Record<string, number | null>
  readonly recordedBy: string | null
}

/**
 * The one write path of a review: one per organization and year, replaced when entered again (the organization
 * must lie in the scope, else `NotInScope`).
 */
export const saveSecretaryReview = async (
  db: XfDb,
  scope: Scope,
  entry: SecretaryReviewEntry,
): Promise<AppraisalSecretaryReview> => {
  await orgInScope(db, scope, entry.orgId)
  const values = { ...entry, comments: [...entry.comments] }
  const [row] = await db
    .insert(appraisalSecretaryReviews)
    .values(values)
    .onConflictDoUpdate({
      target: [appraisalSecretaryReviews.orgId, appraisalSecretaryReviews.year],
      set: { ...values, version: sql`${appraisalSecretaryReviews.version} + 1`, recordedAt: sql`now()` },
    })
    .returning()
  if (row === undefined) throw new Error("upsert into appraisal_secretary_reviews returned no row")
  return row
}

/**
 * What the other areas have recorded for an organization's subtree in `from`…`to`: rectification orders with
 * a deadline in the span (how many, how many closed by their deadline), and the development pipeline (people
 * indexed, how many with an overdue step). Meetings are counted by the caller with the discipline rules.
 * The pipeline is read from its index as stored: refresh its missing and stale rows first (`stalePipelinePeople`,
 * `savePipelineIndex`), since a missing row (an import, a restored archive) would count as nobody.
 */
export const recordedIndicatorFacts = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
  from: PlainDate,
  to: PlainDate,
): Promise<{
  readonly orders: number
  readonly ordersOnTime: number
  readonly pipeline: number
  readonly pipelineOverdue: number
}> => {
  const org = await orgInScope(db, scope, orgId)
  const [o] = await db
    .select({
      n: count(),
      onTime:
        sql<number>`count(*) filter (where ${disciplineOrders.closedOn} is not null and ${disciplineOrders.closedOn} <= ${disciplineOrders.deadline})`.mapWith(
          Number,
        ),
    })
    .from(disciplineOrders)
    .where(
      and(
        inSubtree(disciplineOrders.orgId, org.path),
        gte(disciplineOrders.deadline, from),
        lte(disciplineOrders.deadline, to),
      ),
    )
  const [p] = await db
    .select({
      n: count(),
      overdue:
        sql<number>`count(*) filter (where ${developmentPipelineIndex.items}::text like '%"overdue"%')`.mapWith(
          Number,
        ),
    })
    .from(developmentPipelineIndex)
    .innerJoin(members, eq(members.id, developmentPipelineIndex.memberId))
    .where(
      and(
        inSubtree(members.orgId, org.path),
        inArray(members.stage, ["activist", "development-object", "probationary"]),
        ne(members.status, "removed"),
      ),
    )
  return {
    orders: o?.n ?? 0,
    ordersOnTime: o?.onTime ?? 0,
    pipeline: p?.n ?? 0,
    pipelineOverdue: p?.overdue ?? 0,
  }
}
