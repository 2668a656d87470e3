/**
 * July-1 commendations (两优一先) and the 50-year medal: every query of `care_commendation_campaigns`,
 * `care_commendation_quotas`, `care_nominations` and `care_medal_awards`. Each takes the caller's `Scope`.
 */
import type { NominationStage } from "@xianfeng/care-ledger"
import type { MemberStatus, PlainDate } from "@xianfeng/core"
import { and, asc, count, desc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm"
import { bulkInsert } from "../bulk-copy.js"
import type { XfDb } from "../database.js"
import { inSubtree, pathInSubtree } from "../org-tree.js"
import {
  memberRowsInScope,
  NotInScope,
  orgInScope,
  orgRowInScope,
  type Scope,
  withinOf,
} from "../platform/scope.js"
import {
  type CareCommendationCampaign,
  type CareNomination,
  careCommendationCampaigns,
  careCommendationQuotas,
  careMedalAwards,
  careNominations,
  members,
  orgs,
} from "../schema/index.js"
import { runningOrgName } from "./org-name.js"

export type NewCampaign = Omit<CareCommendationCampaign, "id" | "recordedAt" | "orgName"> & {
  readonly recordedAt?: Date
}
export type NewNomination = Omit<
  CareNomination,
  "id" | "recordedAt" | "version" | "stage" | "approvedOn" | "orgName"
> & {
  readonly stage?: NominationStage
  /** Only with `stage: "approved"` (a CHECK holds it). */
  readonly approvedOn?: PlainDate | null
  /** Read from the organization when absent. */
  readonly orgName?: string | null
  readonly recordedAt?: Date
}

/** The one write path of campaigns and their quotas. */
export const writeCampaign = async (
  db: XfDb,
  campaign: NewCampaign,
  quotas: readonly { readonly orgId: string; readonly quota: number }[],
) => {
  const [row] = await db
    .insert(careCommendationCampaigns)
    .values({ ...campaign, orgName: await runningOrgName(db, campaign.orgId) })
    .returning()
  if (row === undefined) throw new Error("insert into care_commendation_campaigns returned no row")
  if (quotas.length > 0)
    await db.insert(careCommendationQuotas).values(quotas.map((q) => ({ ...q, campaignId: row.id })))
  return row
}

/** A campaign for an org of the scope (else `NotInScope`), quotas for orgs of its subtree. */
export const createCampaign = async (
  db: XfDb,
  scope: Scope,
  campaign: NewCampaign,
  quotas: readonly { readonly orgId: string; readonly quota: number }[],
) => {
  const org = await orgInScope(db, scope, campaign.orgId)
  for (const q of quotas) await orgInScope(db, { orgId: org.id, orgPath: org.path }, q.orgId)
  return writeCampaign(db, campaign, quotas)
}

/**
 * The one write path of nominations. Each keeps its nominating organization's name (`org_name`), read here, for
 * those who will see the result but not the organization's row.
 */
export const writeNominations = async (db: XfDb, rows: readonly NewNomination[]) =>
  rows.length === 0
    ? []
    : db
        .insert(careNominations)
        .values(await withOrgNames(db, rows))
        .returning()

/**
 * The bulk path of nominations for a load of trusted rows (the demo): the rows of `writeNominations` (each with
 * its organization's name) without reading them back, by COPY when the transaction streams by COPY
 * (`streamBulkWritesByCopy`), else by multi-row INSERTs. Returns how many.
 */
export const loadNominations = async (db: XfDb, rows: readonly NewNomination[]): Promise<number> =>
  rows.length === 0 ? 0 : bulkInsert(db, careNominations, await withOrgNames(db, rows))

/** Rows with `orgName` filled from their organization where the caller left it out. */
const withOrgNames = async (db: XfDb, rows: readonly NewNomination[]) => {
  const ids = [...new Set(rows.map((r) => r.orgId))]
  const names = new Map(
    (await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids))).map((o) => [
      o.id,
      o.name,
    ]),
  )
  return rows.map((r) => ({ ...r, orgName: r.orgName ?? names.get(r.orgId) ?? null }))
}

export interface CampaignRow extends CareCommendationCampaign {
  readonly orgName: string
  readonly quotas: readonly {
    readonly orgId: string
    readonly orgName: string
    readonly quota: number
    readonly used: number
  }[]
}

/** Campaigns run by an org of the scope or giving a quota to one, newest first, with quotas used. */
export const campaignsInScope = async (db: XfDb, scope: Scope): Promise<readonly CampaignRow[]> => {
  const quotaRows = await db
    .select({
      campaignId: careCommendationQuotas.campaignId,
      orgId: careCommendationQuotas.orgId,
      orgName: orgs.name,
      quota: careCommendationQuotas.quota,
    })
    .from(careCommendationQuotas)
    .innerJoin(orgs, eq(orgs.id, careCommendationQuotas.orgId))
    .where(orgRowInScope(scope))
    .orderBy(asc(orgs.path))
  const withQuota = db
    .select({ id: careCommendationQuotas.campaignId })
    .from(careCommendationQuotas)
    .where(inSubtree(careCommendationQuotas.orgId, scope.orgPath))
  // The running organization's own row may lie above the scope (and row-level security hides it): its name is
  // the campaign's, and whether it runs in the scope is a condition on its path.
  const campaigns = await db
    .select({ c: careCommendationCampaigns, orgName: careCommendationCampaigns.orgName })
    .from(careCommendationCampaigns)
    .where(
      sql`(${inSubtree(careCommendationCampaigns.orgId, scope.orgPath)} or ${careCommendationCampaigns.id} in ${withQuota})`,
    )
    .orderBy(desc(careCommendationCampaigns.year), asc(careCommendationCampaigns.id))
  if (campaigns.length === 0) return []
  const used = await db
    .select({ campaignId: careNominations.campaignId, orgId: careNominations.orgId, n: count() })
    .from(careNominations)
    .where(
      and(
        inArray(
          careNominations.campaignId,
          campaigns.map((c) => c.c.id),
        ),
        ne(careNominations.stage, "withdrawn"),
      ),
    )
    .groupBy(careNominations.campaignId, careNominations.orgId)
  return campaigns.map(({ c, orgName }) => ({
    ...c,
    orgName,
    quotas: quotaRows
      .filter((q) => q.campaignId === c.id)
      .map((q) => ({
        orgId: q.orgId,
        orgName: q.orgName,
        quota: q.quota,
        used: used.find((u) => u.campaignId === c.id && u.orgId === q.orgId)?.n ?? 0,
      })),
  }))
}

export const campaignInScope = async (db: XfDb, scope: Scope, id: string): Promise<CampaignRow> => {
  const c = (await campaignsInScope(db, scope)).find((x) => x.id === id)
  if (c === undefined) throw new NotInScope("care-campaign", id)
  return c
}

export interface NominationRow extends CareNomination {
  readonly orgName: string
  readonly memberName: string | null
}

/** A campaign's nominations by orgs of the scope. */
export const nominationsInScope = async (
  db: XfDb,
  scope: Scope,
  campaignId: string,
): Promise<readonly NominationRow[]> => {
  const rows = await db
    .select({ n: careNominations, orgName: orgs.name, memberName: members.name })
    .from(careNominations)
    .innerJoin(orgs, eq(orgs.id, careNominations.orgId))
    .leftJoin(members, eq(members.id, careNominations.memberId))
    .where(and(eq(careNominations.campaignId, campaignId), orgRowInScope(scope)))
    .orderBy(asc(orgs.path), asc(careNominations.recordedAt))
  return rows.map((r) => ({ ...r.n, orgName: r.orgName, memberName: r.memberName }))
}

/** One nomination of the scope, locked for a change of stage; else `NotInScope`. */
export const nominationInScope = async (db: XfDb, scope: Scope, id: string): Promise<CareNomination> => {
  const [row] = await db
    .select({ n: careNominations })
    .from(careNominations)
    .innerJoin(orgs, eq(orgs.id, careNominations.orgId))
    .where(and(eq(careNominations.id, id), orgRowInScope(scope)))
    .for("update", { of: careNominations })
  if (row === undefined) throw new NotInScope("care-nomination", id)
  return row.n
}

/**
 * Moves a nomination to `stage` if its `version` is still `version` (else `undefined`: a stale edit). A move to
 * `approved` records `on` as its approval day (`approved_on`), the date its result shows.
 */
export const setNominationStage = async (
  db: XfDb,
  id: string,
  stage: NominationStage,
  version: number,
  on: PlainDate,
) => {
  const [row] = await db
    .update(careNominations)
    .set({ stage, version: version + 1, approvedOn: stage === "approved" ? on : null })
    .where(and(eq(careNominations.id, id), eq(careNominations.version, version)))
    .returning()
  return row
}

/** Sets when a campaign's public notice starts (the campaign in scope, else `NotInScope`). */
export const setNoticeStart = async (db: XfDb, scope: Scope, id: string, on: PlainDate) => {
  await campaignInScope(db, scope, id)
  await db
    .update(careCommendationCampaigns)
    .set({ noticeStartsOn: on })
    .where(eq(careCommendationCampaigns.id, id))
}

/** Members of the scope as the 50-year medal list sees them (full members with a full-membership date). */
export const medalCandidatesInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly orgId?: string | undefined; readonly memberId?: string | undefined },
): Promise<
  readonly {
    readonly memberId: string
    readonly name: string
    readonly orgId: string
    readonly orgName: string
    readonly fullMemberOn: PlainDate
    readonly status: MemberStatus
    readonly awardedYear?: number
  }[]
> => {
  const within = await withinOf(db, scope, query.orgId)
  const rows = await db
    .select({
      memberId: members.id,
      name: members.name,
      orgId: members.orgId,
      orgName: orgs.name,
      fullMemberOn: members.fullMemberOn,
      status: members.status,
      awardedYear: careMedalAwards.year,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(careMedalAwards, eq(careMedalAwards.memberId, members.id))
    .where(
      and(
        memberRowsInScope(scope, within),
        isNotNull(members.fullMemberOn),
        query.memberId === undefined ? undefined : eq(members.id, query.memberId),
      ),
    )
    .orderBy(asc(members.fullMemberOn), asc(members.id))
  return rows.map((r) => ({
    memberId: r.memberId,
    name: r.name,
    orgId: r.orgId,
    orgName: r.orgName,
    fullMemberOn: r.fullMemberOn as PlainDate,
    status: r.status,
    ...(r.awardedYear === null ? {} : { awardedYear: r.awardedYear }),
  }))
}

/** The one write path of `care_medal_awards`. */
export const writeMedalAwards = async (
  db: XfDb,
  rows: readonly { memberId: string; year: number; awardedOn: PlainDate; recordedBy: string | null }[],
) =>
  rows.length === 0
    ? []
    : db
        .insert(careMedalAwards)
        .values([...rows])
        .returning()

/** One approved commendation (两优一先 result): who, which title, in which campaign. */
export interface CommendationResultRow {
  readonly nominationId: string
  readonly campaignId: string
  readonly year: number
  readonly campaignTitle: string
  readonly campaignOrgId: string
  /** The running organization's name when the campaign was started. */
  readonly campaignOrgName: string
  /** When the campaign's public notice (公示) started, if recorded. */
  readonly noticeStartsOn: PlainDate | null
  /** The day it was approved; null for one approved before the day was kept. */
  readonly approvedOn: PlainDate | null
  readonly title: CareNomination["title"]
  /** The nominating organization (for `advanced-org`, the organization commended). */
  readonly orgId: string
  readonly orgName: string
  /** The member commended; null for `advanced-org`. */
  readonly memberId: string | null
  readonly memberName: string | null
}

/**
 * The approved commendations (stage `approved`) nominated by organizations of the scope or commending a member of
 * it (a branch's member commended on the town's nomination: the result was announced publicly, so the branch
 * reads it — row-level security admits the same, care_results_visible_to_members_orgs), optionally of one award
 * `year`; with `orgId` (an org outside the scope is `NotInScope`), those nominated by an org of its subtree or
 * commending a member of it; newest year first, then by organization. The record that year-end assessments and
 * cadre decisions cite (rules-reference §6.1).
 */
export const commendationResultsInScope = async (
  db: XfDb,
  scope: Scope,
  query: { readonly year?: number | undefined; readonly orgId?: string | undefined },
): Promise<readonly CommendationResultRow[]> => {
  const within = await withinOf(db, scope, query.orgId)
  const rows = await db
    .select({
      n: careNominations,
      c: careCommendationCampaigns,
      orgName: sql<string>`coalesce(${orgs.name}, ${careNominations.orgName}, ${careNominations.orgId})`,
      memberName: members.name,
    })
    .from(careNominations)
    .innerJoin(careCommendationCampaigns, eq(careCommendationCampaigns.id, careNominations.campaignId))
    // The nominating org's row is hidden from a caller below it (a town's nomination of a branch's member).
    .leftJoin(orgs, eq(orgs.id, careNominations.orgId))
    .leftJoin(members, eq(members.id, careNominations.memberId))
    .where(
      and(
        eq(careNominations.stage, "approved" satisfies NominationStage),
        // `within` is the scope's path or, with `orgId`, a path inside it (withinOf checked): nominated by an org
        // of it, or a member of it nominated from above (a branch's member commended on the town's nomination).
        or(and(isNotNull(orgs.path), pathInSubtree(orgs.path, within)), inSubtree(members.orgId, within)),
        query.year === undefined ? undefined : eq(careCommendationCampaigns.year, query.year),
      ),
    )
    .orderBy(
      desc(careCommendationCampaigns.year),
      asc(orgs.path),
      asc(careNominations.title),
      asc(members.name),
      asc(careNominations.id),
    )
  return rows.map((r) => ({
    nominationId: r.n.id,
    campaignId: r.c.id,
    year: r.c.year,
    campaignTitle: r.c.title,
    campaignOrgId: r.c.orgId,
    campaignOrgName: r.c.orgName,
    noticeStartsOn: r.c.noticeStartsOn,
    approvedOn: r.n.approvedOn,
    title: r.n.title,
    orgId: r.n.orgId,
    orgName: r.orgName,
    memberId: r.n.memberId,
    memberName: r.memberName,
  }))
}
