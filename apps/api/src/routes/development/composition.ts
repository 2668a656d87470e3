import type { LocalizedText, PlainDate } from "@xianfeng/core"
import { compositionFactsOf, ethnicityCodes, type Scope, type XfDb } from "@xianfeng/db"
import {
  ageBands,
  type CompositionRow,
  type OccupationGroup,
  yearAnalysis,
} from "@xianfeng/development-rules"
import { audit } from "../../audit.js"
import { todayOf } from "../../deps.js"
import { type Lang, langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { Composition, YearQuery } from "./contract.js"

const t = (zh: string, en: string): LocalizedText => ({ "zh-CN": zh, en })

export const occupationLabels: Readonly<Record<OccupationGroup, LocalizedText>> = {
  "industrial-worker": t("产业工人", "industrial workers"),
  "young-farmer": t("青年农民", "young farmers"),
  "highly-educated": t("高知识群体", "highly educated"),
  "non-public-enterprise": t("非公有制经济组织", "non-public enterprises"),
  "social-organization": t("社会组织", "social organizations"),
  other: t("其他", "other"),
}
const educationLabels: Readonly<Record<string, LocalizedText>> = {
  postgraduate: t("研究生", "postgraduate"),
  bachelor: t("大学本科", "bachelor"),
  vocational: t("大专及中专", "vocational and junior college"),
  secondary: t("高中及初中", "secondary"),
  primary: t("小学", "primary"),
  unknown: t("未填写", "not given"),
}
const sexLabels: Readonly<Record<string, LocalizedText>> = {
  female: t("女", "female"),
  male: t("男", "male"),
  unknown: t("未填写", "not given"),
}
export const stageLabels: Readonly<Record<string, LocalizedText>> = {
  applicant: t("入党申请人", "applicants"),
  activist: t("入党积极分子", "activists"),
  "development-object": t("发展对象", "candidates for membership"),
  probationary: t("预备党员", "probationary members"),
  full: t("正式党员", "full members"),
}

/**
 * The year's analysis of the scope's subtree, or of an organization inside it: the facts loaded in scope,
 * counted by the rules (composition, organization pipelines, dormant organizations).
 */
export const analyse = async (
  db: XfDb,
  scope: Scope,
  year: number,
  orgId: string | undefined,
  today: PlainDate,
) => {
  const facts = await compositionFactsOf(db, scope, year, orgId)
  const { policy, orgNames: names } = facts
  const a = yearAnalysis({ year, today, people: facts.people, admissions: facts.admissions, policy })
  const dormant = a.dormant.map((d) => ({
    orgId: d.orgId,
    orgName: names.get(d.orgId) ?? d.orgId,
    lastAdmission: facts.lastAdmissions.get(d.orgId)?.toString() ?? null,
  }))
  return { analysis: a.composition, dormant, names, pipelines: a.pipelines, policy, asOf: a.asOf }
}

type Row = { key: string; label: string; count: number }
const rows = (rs: readonly CompositionRow[], label: (k: string) => string): Row[] =>
  rs.map((r) => ({ key: r.key, label: label(r.key), count: r.total }))

/** The analysis as the contract shows it, labels in the reader's language. */
export const compositionView = (
  year: number,
  a: Awaited<ReturnType<typeof analyse>>,
  lang: Lang,
): Composition => {
  const by = a.analysis.by
  const lbl = (table: Readonly<Record<string, LocalizedText>>) => (k: string) => table[k]?.[lang] ?? k
  const total = a.analysis.total
  return {
    year,
    byStage: [
      { key: "applicant", label: stageLabels.applicant?.[lang] ?? "", count: total.applicants },
      { key: "activist", label: stageLabels.activist?.[lang] ?? "", count: total.activists },
      {
        key: "development-object",
        label: stageLabels["development-object"]?.[lang] ?? "",
        count: total.developmentObjects,
      },
    ],
    byOccupation: rows(by.occupation, lbl(occupationLabels)),
    byAgeBand: rows(by.ageBand, (k) => ageBands.find((b) => b.key === k)?.label[lang] ?? k),
    byEducation: rows(by.education, lbl(educationLabels)),
    bySex: rows(by.gender, lbl(sexLabels)),
    // Own keys only: a code such as `constructor` is not the table's constructor.
    byEthnicity: rows(by.ethnicity, (k) =>
      Object.hasOwn(ethnicityCodes, k) ? (ethnicityCodes[k] as string) : k,
    ),
    byOrganization: rows(by.organization, (k) => a.names.get(k) ?? k),
    dormant: a.dormant,
  }
}

export const composition = route({
  method: "get",
  path: "/api/development/composition",
  summary:
    "The year's composition analysis of applicants, activists and candidates for membership, and dormant organizations",
  description:
    "By stage, occupation group (DR 37 priority groups), age band, education, sex, ethnicity and organization; " +
    "organizations able to develop members that admitted nobody for `dormantYears` years (DR 37).",
  tag: "development",
  auth: "user",
  query: YearQuery,
  response: Composition,
  handler: async ({ actor, query, deps, c }) =>
    deps.db.transaction(async (tx) => {
      const a = await analyse(tx, actor, query.year, query.orgId, todayOf(deps))
      await audit(tx, deps, actor, {
        action: "development.composition",
        objectType: "org",
        objectId: query.orgId ?? actor.orgId,
        result: "ok",
        details: { year: query.year },
      })
      return compositionView(query.year, a, langOf(c))
    }),
})
