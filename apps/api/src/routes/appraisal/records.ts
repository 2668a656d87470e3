import { appraisalMessages, appraisalPolicy, checkRecord, isAccepted } from "@xianfeng/appraisal-scoring"
import { date, formatCitation, renderVerdict, type Verdict } from "@xianfeng/core"
import { appraisalRecordsInScope, insertAppraisalRecord, loadAreaPolicy } from "@xianfeng/db"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  AppraisalRecordBody,
  AppraisalRecordPage,
  AppraisalRecordQuery,
  AppraisalRecordView,
} from "./contract.js"
import { appraisalPermissions } from "./permissions.js"

const verdictView = (v: Verdict, lang: Lang) => ({
  status: v.status,
  code: v.code,
  // The sentence without its articles (they come apart, as `citations`).
  message: renderVerdict({ ...v, citations: [] }, appraisalMessages, lang),
  citations: v.citations.map((c) => formatCitation(c, lang)),
})

const view = (r: {
  id: string
  orgId: string
  orgName: string
  title: string
  onDate: { toString(): string }
  note: string
  recordedAt: Date
  version: number
}) => ({
  id: r.id,
  orgId: r.orgId,
  orgName: r.orgName,
  title: r.title,
  onDate: r.onDate.toString(),
  note: r.note,
  recordedAt: r.recordedAt.toISOString(),
  version: r.version,
})

export const listAppraisalRecords = route({
  method: "get",
  path: "/api/appraisal/records",
  summary: "Appraisal: the records of the caller's subtree (or of one organization in it), newest first",
  tag: "appraisal",
  auth: "user",
  query: AppraisalRecordQuery,
  response: AppraisalRecordPage,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { items, total } = await appraisalRecordsInScope(deps.db, actor, {
      orgId: query.orgId,
      page,
      pageSize,
    })
    return { items: items.map(view), total, page, pageSize }
  },
})

export const createAppraisalRecord = route({
  method: "post",
  path: "/api/appraisal/records",
  summary:
    "Appraisal: record one for an organization of the caller's subtree; refused (422) when a rule blocks it",
  tag: "appraisal",
  auth: "user",
  roles: appraisalPermissions.record,
  body: AppraisalRecordBody,
  response: AppraisalRecordView,
  status: 201,
  handler: async ({ actor, body, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const onDate = date(body.onDate)
    return deps.db.transaction(async (tx) => {
      const policy = await loadAreaPolicy(tx, actor.orgPath, appraisalPolicy)
      const verdicts = checkRecord({ on: onDate, asOf: today }, policy.policy)
      if (!isAccepted(verdicts)) {
        const shown = verdicts.filter((v) => v.status === "blocked").map((v) => verdictView(v, lang))
        throw problems.ruleBlocked(
          `规则不允许登记：${shown[0]?.message ?? ""}`,
          `The rules refuse this record: ${shown[0]?.message ?? ""}`,
          shown,
        )
      }
      const row = await insertAppraisalRecord(tx, actor, {
        orgId: body.orgId,
        title: body.title,
        onDate,
        note: body.note ?? "",
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "appraisal.record",
        objectType: "appraisal-record",
        objectId: row.id,
        result: "ok",
        details: {
          orgId: row.orgId,
          onDate: body.onDate,
          warnings: verdicts.filter((v) => v.status === "warning").map((v) => v.code),
        },
      })
      const warnings = verdicts.filter((v) => v.status === "warning").map((v) => verdictView(v, lang))
      return { ...view(row), ...(warnings.length > 0 ? { verdicts: warnings } : {}) }
    })
  },
})
