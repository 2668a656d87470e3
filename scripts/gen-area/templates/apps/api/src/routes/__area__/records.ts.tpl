import { date, formatCitation, renderVerdict, type Verdict } from "@xianfeng/core"
import { __areaCamel__RecordsInScope, insert__AreaPascal__Record, loadAreaPolicy } from "@xianfeng/db"
import {
  __areaCamel__Messages,
  __areaCamel__Policy,
  checkRecord,
  isAccepted,
} from "@xianfeng/__package__"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { langOf, type Lang, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  __AreaPascal__RecordBody,
  __AreaPascal__RecordPage,
  __AreaPascal__RecordQuery,
  __AreaPascal__RecordView,
} from "./contract.js"
import { __areaCamel__Permissions } from "./permissions.js"

const verdictView = (v: Verdict, lang: Lang) => ({
  status: v.status,
  code: v.code,
  // The sentence without its articles (they come apart, as `citations`).
  message: renderVerdict({ ...v, citations: [] }, __areaCamel__Messages, lang),
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

export const list__AreaPascal__Records = route({
  method: "get",
  path: "/api/__area__/records",
  summary: "__titleEn__: the records of the caller's subtree (or of one organization in it), newest first",
  tag: "__area__",
  auth: "user",
  query: __AreaPascal__RecordQuery,
  response: __AreaPascal__RecordPage,
  handler: async ({ actor, query, deps }) => {
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? 20
    const { items, total } = await __areaCamel__RecordsInScope(deps.db, actor, {
      orgId: query.orgId,
      page,
      pageSize,
    })
    return { items: items.map(view), total, page, pageSize }
  },
})

export const create__AreaPascal__Record = route({
  method: "post",
  path: "/api/__area__/records",
  summary: "__titleEn__: record one for an organization of the caller's subtree; refused (422) when a rule blocks it",
  tag: "__area__",
  auth: "user",
  roles: __areaCamel__Permissions.record,
  body: __AreaPascal__RecordBody,
  response: __AreaPascal__RecordView,
  status: 201,
  handler: async ({ actor, body, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const onDate = date(body.onDate)
    return deps.db.transaction(async (tx) => {
      const policy = await loadAreaPolicy(tx, actor.orgPath, __areaCamel__Policy)
      const verdicts = checkRecord({ on: onDate, asOf: today }, policy.policy)
      if (!isAccepted(verdicts)) {
        const shown = verdicts.filter((v) => v.status === "blocked").map((v) => verdictView(v, lang))
        throw problems.ruleBlocked(
          `规则不允许登记：${shown[0]?.message ?? ""}`,
          `The rules refuse this record: ${shown[0]?.message ?? ""}`,
          shown,
        )
      }
      const row = await insert__AreaPascal__Record(tx, actor, {
        orgId: body.orgId,
        title: body.title,
        onDate,
        note: body.note ?? "",
        recordedBy: actor.userId,
        recordedAt: deps.now(),
      })
      await audit(tx, deps, actor, {
        action: "__area__.record",
        objectType: "__area__-record",
        objectId: row.id,
        result: "ok",
        details: { orgId: row.orgId, onDate: body.onDate, warnings: verdicts.filter((v) => v.status === "warning").map((v) => v.code) },
      })
      const warnings = verdicts.filter((v) => v.status === "warning").map((v) => verdictView(v, lang))
      return { ...view(row), ...(warnings.length > 0 ? { verdicts: warnings } : {}) }
    })
  },
})
