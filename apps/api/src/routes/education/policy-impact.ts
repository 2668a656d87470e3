import { creditedStudyOf, loadAreaPolicy, studyMembersOf } from "@xianfeng/db"
import * as educationTraining from "@xianfeng/education-training"
import { compareVersions, type EducationPart, educationImpact, type ImpactPerson } from "@xianfeng/impact"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { ApiProblem } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { EducationPolicyImpact, EducationPolicyImpactBody } from "./contract.js"
import { educationPermissions } from "./permissions.js"

const versionOf = (label: string, overlay: unknown) => {
  const v = educationImpact.version(educationTraining, { label, overlay })
  if (v.ok) return { label, version: v.value }
  const t = { "zh-CN": v.problem.messageZh, en: v.problem.message }
  throw new ApiProblem(400, "invalid-request", { "zh-CN": "请求无效", en: "Invalid request" }, t, [
    { field: v.problem.field, reason: "invalid", message: t },
  ])
}

export const educationPolicyImpact = route({
  method: "post",
  path: "/api/education/policy-impact",
  summary:
    "Whose study verdicts a proposed change to the district's education policy would change (nothing saved)",
  description:
    "The members of the subtree are judged for the year (default this year) as of today under the district's " +
    "education policy as stored and under it with `overlay` applied on top (e.g. `{ memberMinHours: 40 }`); " +
    "every verdict that differs is counted by rule and kind of change, with a sample of at most 5 people per " +
    "group, names and ID numbers masked. An overlay the policy refuses is a 400 naming `overlay.<key>`. The " +
    "policy is not changed.",
  tag: "education",
  auth: "user",
  roles: educationPermissions.previewPolicyImpact,
  body: EducationPolicyImpactBody,
  response: EducationPolicyImpact,
  handler: async ({ actor, body, deps }) => {
    const today = todayOf(deps)
    const year = body.year ?? today.year
    const stored =
      (await loadAreaPolicy(deps.db, actor.orgPath, educationTraining.educationPolicy)).overlay ?? {}
    const current = versionOf("current", stored)
    const proposed = versionOf("proposed", { ...stored, ...body.overlay })
    const who = { orgId: body.orgId }
    const people = await studyMembersOf(deps.db, actor, who, year)
    // Every entry as stored, credited afresh by each version (a change of counted sources shows too).
    const { credited } = await creditedStudyOf(deps.db, actor, who, year, current.version.policy)
    const entries = new Map<string, EducationPart["entries"][number][]>()
    for (const e of credited) {
      const list = entries.get(e.memberId) ?? []
      list.push({
        source: e.source,
        ref: e.ref,
        on: e.on.toString(),
        ...(e.start === undefined || e.end === undefined ? {} : { start: e.start, end: e.end }),
        tenths: e.tenths,
        centralized: e.centralized,
      })
      entries.set(e.memberId, list)
    }
    const dataset: ImpactPerson[] = people.map((p) => {
      const part: EducationPart = {
        year,
        entries: entries.get(p.id) ?? [],
        posts: p.roles
          .filter((r) => (educationTraining.cadrePosts as readonly string[]).includes(r.role))
          .map((r) => ({ post: r.role as educationTraining.CadrePost, since: r.since.toString() })),
        ...(p.admittedOn === null ? {} : { admittedOn: p.admittedOn.toString() }),
        ...(p.fullMemberOn === null ? {} : { fullMemberOn: p.fullMemberOn.toString() }),
        ...(p.exemption === null
          ? {}
          : {
              exemption: {
                reason: p.exemption.reason as educationTraining.ExemptionReason,
                studyBrought: p.exemption.studyBrought,
              },
            }),
      }
      return { id: p.id, name: p.name, org: p.orgName, education: part }
    })
    const report = compareVersions(
      educationImpact,
      { asOf: today.toString(), people: dataset },
      current,
      proposed,
    )
    await audit(deps.db, deps, actor, {
      action: "education.policy-impact",
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
  },
})
