import { developmentPipelineOf, loadDevelopmentPolicy } from "@xianfeng/db"
import * as developmentRules from "@xianfeng/development-rules"
import { compareVersions, developmentImpact, type ImpactPerson } from "@xianfeng/impact"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { ApiProblem } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { PolicyImpact, PolicyImpactBody } from "./contract.js"
import { developmentPermissions } from "./permissions.js"

const versionOf = (label: string, overlay: unknown) => {
  const v = developmentImpact.version(developmentRules, { label, overlay })
  if (v.ok) return { label, version: v.value }
  const t = { "zh-CN": v.problem.messageZh, en: v.problem.message }
  throw new ApiProblem(400, "invalid-request", { "zh-CN": "请求无效", en: "Invalid request" }, t, [
    { field: v.problem.field, reason: "invalid", message: t },
  ])
}

export const policyImpact = route({
  method: "post",
  path: "/api/development/policy-impact",
  summary:
    "Whose verdicts a proposed change to the district's development policy would change (nothing saved)",
  description:
    "The people of the pipeline in the subtree are judged today under the district's policy as stored and " +
    "under it with `overlay` applied on top; every verdict that differs is counted by rule and kind of change " +
    "(newly blocked, no longer blocked, new due date, new citation, other), with a sample of at most 5 people " +
    "per group, names and ID numbers masked. The policy is not changed.",
  tag: "development",
  auth: "user",
  roles: developmentPermissions.previewPolicyImpact,
  body: PolicyImpactBody,
  response: PolicyImpact,
  handler: async ({ actor, body, deps }) => {
    const today = todayOf(deps)
    return deps.db.transaction(async (tx) => {
      const { within, people, records } = await developmentPipelineOf(tx, actor, body.orgId)
      const stored = (await loadDevelopmentPolicy(tx, within)).overlay ?? {}
      const current = versionOf("current", stored)
      const proposed = versionOf("proposed", { ...stored, ...body.overlay })
      const dataset: ImpactPerson[] = people.map((p) => ({
        id: p.id,
        name: p.name,
        ...(p.idNumberMasked === null ? {} : { idNumber: p.idNumberMasked }),
        org: p.orgName,
        development: {
          birthDate: p.birthDate.toString(),
          sex: p.sex,
          records: (records.get(p.id) ?? []).map((r) => ({
            step: r.step,
            on: r.onDate.toString(),
            evidence: r.evidence,
          })),
        },
      }))
      const report = compareVersions(
        developmentImpact,
        { asOf: today.toString(), people: dataset },
        current,
        proposed,
      )
      await audit(tx, deps, actor, {
        action: "development.policy-impact",
        objectType: "org",
        objectId: body.orgId ?? actor.orgId,
        result: "ok",
        details: { keys: Object.keys(body.overlay), people: report.people, affected: report.affectedPeople },
      })
      return {
        asOf: report.asOf,
        people: report.people,
        affectedPeople: report.affectedPeople,
        changedVerdicts: report.changedVerdicts,
        groups: report.groups,
      }
    })
  },
})
