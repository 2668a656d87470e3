import {
  type AppraisalGrade,
  type CarePolicy,
  type CommendationTitle,
  carePolicy,
  type NominationStage,
  nomineeVerdicts,
  noticeEnds,
  quotaFor,
  quotaVerdict,
  stepVerdict,
} from "@xianfeng/care-ledger"
import { date, isAfter, type MemberStage, type PlainDate } from "@xianfeng/core"
import {
  type CampaignRow,
  type CommendationResultRow,
  campaignInScope,
  campaignsInScope,
  commendationResultsInScope,
  createCampaign,
  fullMembersOfChildren,
  loadAreaPolicy,
  memberInScope,
  type NominationRow,
  nominationInScope,
  nominationsInScope,
  setNominationStage,
  setNoticeStart,
  writeNominations,
} from "@xianfeng/db"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf, problems } from "../../http/problem.js"
import { type AnyRoute, route } from "../../http/route.js"
import {
  CampaignBody,
  CampaignList,
  CampaignView,
  CommendationResultList,
  CommendationResultsQuery,
  type CommendationResultView,
  IdParams,
  NominationBody,
  NominationList,
  NominationView,
  NoticeBody,
  StageBody,
} from "./contract.js"
import { carePermissions } from "./permissions.js"
import { refused, unprocessable } from "./render.js"

type Policy = CarePolicy

const campaignView = (c: CampaignRow, policy: Policy): CampaignView => {
  const ends = c.noticeStartsOn === null ? undefined : noticeEnds(c.noticeStartsOn, policy)
  return {
    id: c.id,
    orgId: c.orgId,
    orgName: c.orgName,
    year: c.year,
    title: c.title,
    noticeStartsOn: c.noticeStartsOn?.toString() ?? null,
    noticeEndsOn: ends?._tag === "Known" ? ends.value.toString() : null,
    quotas: c.quotas.map((q) => ({ ...q })),
  }
}

/** The last day of a campaign's notice, when it has started and the calendar knows it. */
const noticeEndOf = (c: { readonly noticeStartsOn: PlainDate | null }, policy: Policy) => {
  const ends = c.noticeStartsOn === null ? undefined : noticeEnds(c.noticeStartsOn, policy)
  return ends?._tag === "Known" ? ends.value : undefined
}

/** `noticeEnd`: the campaign's last day of notice; a nomination on notice past it awaits approval. */
const nominationView = (
  n: NominationRow,
  today: PlainDate,
  noticeEnd: PlainDate | undefined,
): NominationView => ({
  id: n.id,
  orgId: n.orgId,
  orgName: n.orgName,
  title: n.title as CommendationTitle,
  memberId: n.memberId,
  name: n.memberName ?? n.orgName,
  stage: n.stage as NominationStage,
  noticeOver: n.stage === "noticed" && noticeEnd !== undefined && isAfter(today, noticeEnd),
  approvedOn: n.approvedOn?.toString() ?? null,
  grades: { ...n.refs.grades },
  deeds: n.refs.deeds,
  version: n.version,
})

const listCampaigns = route({
  method: "get",
  path: "/api/care/campaigns",
  summary: "July-1 commendation campaigns (两优一先) of the subtree, with quotas and how many are used",
  tag: "care",
  auth: "user",
  response: CampaignList,
  handler: async ({ actor, deps }) => {
    const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, carePolicy)
    return { items: (await campaignsInScope(deps.db, actor)).map((c) => campaignView(c, policy)) }
  },
})

const startCampaign = route({
  method: "post",
  path: "/api/care/campaigns",
  summary:
    "Start a commendation campaign; quotas per organization as given, or the policy's share of full members of each child",
  tag: "care",
  auth: "user",
  roles: carePermissions.organize,
  body: CampaignBody,
  response: CampaignView,
  status: 201,
  handler: async ({ actor, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, carePolicy)
      const quotas =
        body.quotas ??
        (await fullMembersOfChildren(tx, actor, body.orgId))
          .map((x) => ({ orgId: x.orgId, quota: quotaFor(x.fullMembers, policy) }))
          .filter((q) => q.quota > 0)
      const seen = new Set<string>()
      for (const [i, q] of quotas.entries()) {
        if (seen.has(q.orgId))
          throw unprocessable(`quotas.${i}.orgId`, "同一组织只能有一个名额数", "one quota per organization")
        seen.add(q.orgId)
      }
      const row = await createCampaign(
        tx,
        actor,
        {
          orgId: body.orgId,
          year: body.year,
          title: body.title,
          noticeStartsOn: null,
          recordedBy: actor.userId,
          recordedAt: deps.now(),
        },
        quotas,
      )
      await audit(tx, deps, actor, {
        action: "care.campaign.start",
        objectType: "care-campaign",
        objectId: row.id,
        result: "ok",
      })
      return campaignView(await campaignInScope(tx, actor, row.id), policy)
    }),
})

const listNominations = route({
  method: "get",
  path: "/api/care/campaigns/:id/nominations",
  summary: "A campaign's nominations by organizations of the subtree",
  tag: "care",
  auth: "user",
  params: IdParams,
  response: NominationList,
  handler: async ({ actor, params, deps }) => {
    const campaign = await campaignInScope(deps.db, actor, params.id)
    const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, carePolicy)
    const end = noticeEndOf(campaign, policy)
    const today = todayOf(deps)
    return {
      items: (await nominationsInScope(deps.db, actor, params.id)).map((n) => nominationView(n, today, end)),
    }
  },
})

const eligibilityFields: Readonly<Record<string, string>> = {
  "COMMEND-ELIGIBLE.stage": "memberId",
  "COMMEND-ELIGIBLE.sanctioned": "sanctioned",
  "COMMEND-ELIGIBLE.one-title": "title",
  "COMMEND-ELIGIBLE.grade": "grades",
  "COMMEND-ELIGIBLE.grade-missing": "grades",
  "COMMEND-ELIGIBLE.work-years": "partyWorkYears",
}

const nominate = route({
  method: "post",
  path: "/api/care/campaigns/:id/nominations",
  summary:
    "Nominate within the organization's quota (a cap): eligibility by the policy, appraisal grades as references",
  description:
    "A nomination over the quota is refused with 422 naming orgId; an ineligible nominee with the field at fault.",
  tag: "care",
  auth: "user",
  roles: carePermissions.record,
  params: IdParams,
  body: NominationBody,
  response: NominationView,
  status: 201,
  handler: async ({ actor, params, body, deps, c }) => {
    const lang = langOf(c)
    return deps.db.transaction(async (tx) => {
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, carePolicy)
      const campaign = await campaignInScope(tx, actor, params.id)
      const quota = campaign.quotas.find((q) => q.orgId === body.orgId)
      if (quota === undefined)
        throw unprocessable(
          "orgId",
          "该组织在本次评选中没有推荐名额",
          "the organization has no quota in this campaign",
        )
      const qv = quotaVerdict(quota.used, quota.quota)
      if (qv.status === "blocked") throw refused("orgId", [qv], lang)
      let stage: MemberStage | undefined
      if (body.title !== "advanced-org") {
        if (body.memberId === undefined)
          throw unprocessable("memberId", "须选择被推荐党员", "choose the member nominated")
        stage = (await memberInScope(tx, actor, body.memberId)).stage
      }
      const existing = await nominationsInScope(tx, actor, params.id)
      const grades = new Map(
        Object.entries(body.grades ?? {}).map(([y, g]) => [Number(y), g as AppraisalGrade]),
      )
      const verdicts = nomineeVerdicts(
        {
          title: body.title,
          year: campaign.year,
          ...(stage === undefined ? {} : { stage }),
          grades,
          ...(body.partyWorkYears === undefined ? {} : { partyWorkYears: body.partyWorkYears }),
          sanctioned: body.sanctioned ?? false,
          otherTitle: existing.some(
            (n) => n.memberId !== null && n.memberId === body.memberId && n.stage !== "withdrawn",
          ),
        },
        policy,
      )
      const blocked = verdicts.find((v) => v.status === "blocked")
      if (blocked !== undefined) throw refused(eligibilityFields[blocked.code] ?? "body", verdicts, lang)
      const [row] = await writeNominations(tx, [
        {
          campaignId: params.id,
          orgId: body.orgId,
          title: body.title,
          memberId: body.title === "advanced-org" ? null : (body.memberId ?? null),
          refs: {
            grades: body.grades ?? {},
            ...(body.partyWorkYears === undefined ? {} : { partyWorkYears: body.partyWorkYears }),
            deeds: body.deeds ?? "",
          },
          recordedBy: actor.userId,
          recordedAt: deps.now(),
        },
      ])
      if (row === undefined) throw new Error("no nomination row")
      await audit(tx, deps, actor, {
        action: "care.nomination.create",
        objectType: "care-nomination",
        objectId: row.id,
        result: "ok",
        details: { campaignId: params.id, orgId: body.orgId, title: body.title },
      })
      const shown = (await nominationsInScope(tx, actor, params.id)).find((n) => n.id === row.id)
      if (shown === undefined) throw new Error("nomination not visible")
      // A new nomination is not on notice yet: the notice's end does not bear on it.
      return nominationView(shown, todayOf(deps), undefined)
    })
  },
})

const moveNomination = route({
  method: "post",
  path: "/api/care/nominations/:id/stage",
  summary:
    "Move a nomination: vetted, noticed (公示), approved after the notice's working days, or withdrawn",
  tag: "care",
  auth: "user",
  roles: carePermissions.organize,
  params: IdParams,
  body: StageBody,
  response: NominationView,
  handler: async ({ actor, params, body, deps, c }) => {
    const lang = langOf(c)
    return deps.db.transaction(async (tx) => {
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, carePolicy)
      const n = await nominationInScope(tx, actor, params.id)
      if (n.version !== body.version)
        throw problems.conflict(
          "推荐已被他人修改，请刷新后重试",
          "The nomination changed meanwhile; reload and retry",
        )
      const campaign = await campaignInScope(tx, actor, n.campaignId)
      const v = stepVerdict(
        n.stage as NominationStage,
        body.stage,
        todayOf(deps),
        campaign.noticeStartsOn === null
          ? undefined
          : { endsOn: noticeEnds(campaign.noticeStartsOn, policy), objectionUpheld: false },
      )
      if (v.status === "blocked") throw refused("stage", [v], lang)
      const row = await setNominationStage(tx, n.id, body.stage, n.version, todayOf(deps))
      if (row === undefined)
        throw problems.conflict(
          "推荐已被他人修改，请刷新后重试",
          "The nomination changed meanwhile; reload and retry",
        )
      await audit(tx, deps, actor, {
        action: "care.nomination.stage",
        objectType: "care-nomination",
        objectId: n.id,
        result: "ok",
        details: { from: n.stage, to: body.stage },
      })
      const shown = (await nominationsInScope(tx, actor, n.campaignId)).find((x) => x.id === n.id)
      if (shown === undefined) throw new Error("nomination not visible")
      return nominationView(shown, todayOf(deps), noticeEndOf(campaign, policy))
    })
  },
})

const startNotice = route({
  method: "post",
  path: "/api/care/campaigns/:id/notice",
  summary:
    "Start the campaign's public notice (公示); it ends after the policy's working days (official calendar)",
  tag: "care",
  auth: "user",
  roles: carePermissions.organize,
  params: IdParams,
  body: NoticeBody,
  response: CampaignView,
  handler: async ({ actor, params, body, deps }) =>
    deps.db.transaction(async (tx) => {
      const { policy } = await loadAreaPolicy(tx, actor.orgPath, carePolicy)
      const startsOn = date(body.startsOn)
      if (noticeEnds(startsOn, policy)._tag === "Unknown")
        throw unprocessable(
          "startsOn",
          "工作日历缺少该年份，无法计算公示期",
          "the working calendar lacks that year",
        )
      await setNoticeStart(tx, actor, params.id, startsOn)
      await audit(tx, deps, actor, {
        action: "care.campaign.notice",
        objectType: "care-campaign",
        objectId: params.id,
        result: "ok",
      })
      return campaignView(await campaignInScope(tx, actor, params.id), policy)
    }),
})

const resultView = (r: CommendationResultRow, policy: Policy): CommendationResultView => {
  const ends = r.noticeStartsOn === null ? undefined : noticeEnds(r.noticeStartsOn, policy)
  return {
    nominationId: r.nominationId,
    title: r.title as CommendationTitle,
    name: r.memberName ?? r.orgName,
    memberId: r.memberId,
    orgId: r.orgId,
    orgName: r.orgName,
    campaignId: r.campaignId,
    campaignTitle: r.campaignTitle,
    year: r.year,
    campaignOrgId: r.campaignOrgId,
    campaignOrgName: r.campaignOrgName,
    approvedOn: r.approvedOn?.toString() ?? null,
    noticeStartsOn: r.noticeStartsOn?.toString() ?? null,
    noticeEndsOn: ends?._tag === "Known" ? ends.value.toString() : null,
  }
}

/**
 * The approved commendations of the caller's subtree (or of `orgId`'s, which must lie in it: else the 404 of a
 * missing org), optionally of one award year. Shared by the list and its .xlsx export.
 */
export const commendationResults = async (
  deps: { readonly db: Parameters<typeof commendationResultsInScope>[0] },
  actor: { readonly orgId: string; readonly orgPath: string },
  query: { readonly year?: number | undefined; readonly orgId?: string | undefined },
): Promise<readonly CommendationResultView[]> => {
  const { policy } = await loadAreaPolicy(deps.db, actor.orgPath, carePolicy)
  return (await commendationResultsInScope(deps.db, actor, query)).map((r) => resultView(r, policy))
}

const listResults = route({
  method: "get",
  path: "/api/care/commendations/results",
  summary:
    "The approved commendations (两优一先 results) of the subtree: the references for year-end assessments and cadre decisions",
  description:
    "Who (member or organization), the title, the campaign (year, running organization) and its public notice. " +
    "Results are announced publicly (公示), so the read is not audited, like the campaign lists. " +
    "An orgId outside the caller's subtree is the same 404 as a missing one.",
  tag: "care",
  auth: "user",
  query: CommendationResultsQuery,
  response: CommendationResultList,
  handler: async ({ actor, query, deps }) => ({
    items: [...(await commendationResults(deps, actor, query))],
  }),
})

export const campaignRoutes: readonly AnyRoute[] = [
  listResults,
  listCampaigns,
  startCampaign,
  listNominations,
  nominate,
  moveNomination,
  startNotice,
]
