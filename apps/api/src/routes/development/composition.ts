import { type LocalizedText, minDate, type PlainDate, Temporal } from "@xianfeng/core"
import { ethnicityCodes, loadDevelopmentPolicy, members, orgs, pathInSubtree, type XfDb } from "@xianfeng/db"
import {
  ageBands,
  type CompositionRow,
  compositionAnalysis,
  dormantOrganizations,
  type OccupationGroup,
  type OrganizationPipeline,
  type PipelinePerson,
} from "@xianfeng/development-rules"
import { and, count, eq, gte, inArray, isNotNull, max, sql } from "drizzle-orm"
import { audit } from "../../audit.js"
import type { Actor } from "../../auth/actor.js"
import { type Lang, langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { orgInScope } from "../platform/members.js"
import { Composition, YearQuery } from "./contract.js"
import { educationOf, occupationOf, personColumns, todayOf } from "./person.js"

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
  "development-object": t("发展对象", "development objects"),
  probationary: t("预备党员", "probationary members"),
  full: t("正式党员", "full members"),
}

const roleOf = {
  applicant: "applicant",
  activist: "activist",
  "development-object": "development-object",
} as const

/** Everything the analysis needs, loaded in four scoped queries and computed by the library. */
export const analyse = async (
  db: XfDb,
  actor: Actor,
  year: number,
  orgId: string | undefined,
  today: PlainDate,
) => {
  const within = orgId ? (await orgInScope(db, actor, orgId)).path : actor.orgPath
  const asOf = minDate(today, Temporal.PlainDate.from({ year, month: 12, day: 31 }))
  const scope = and(pathInSubtree(orgs.path, actor.orgPath), pathInSubtree(orgs.path, within))
  const people = await db
    .select(personColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        scope,
        inArray(members.stage, ["applicant", "activist", "development-object"]),
        eq(members.status, "normal"),
      ),
    )
  const { policy } = await loadDevelopmentPolicy(db, within)
  const pipelinePeople: PipelinePerson[] = people.map((p) => ({
    orgId: p.orgId,
    role: roleOf[p.stage as keyof typeof roleOf],
    birthDate: p.birthDate,
    gender: p.sex,
    ethnicity: p.ethnicity,
    occupation: occupationOf(p, asOf),
    ...educationField(p.education),
  }))
  const analysis = compositionAnalysis(pipelinePeople, asOf)
  // Admissions (branch meetings) per organization and year, for the dormant check (DR 37).
  const since = Temporal.PlainDate.from({ year: year - policy.dormantYears + 1, month: 1, day: 1 })
  const admissions = await db
    .select({
      orgId: members.orgId,
      year: sql<number>`extract(year from ${members.admittedOn})::int`,
      n: count(),
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(scope, isNotNull(members.admittedOn), gte(members.admittedOn, since)))
    .groupBy(members.orgId, sql`2`)
  const last = await db
    .select({ orgId: members.orgId, on: max(members.admittedOn) })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(scope)
    .groupBy(members.orgId)
  const names = new Map(
    (await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(scope)).map((o) => [o.id, o.name]),
  )
  const pipelines = organizationPipelines(pipelinePeople, admissions)
  const dormant = dormantOrganizations(pipelines, year, policy).map((d) => ({
    orgId: d.orgId,
    orgName: names.get(d.orgId) ?? d.orgId,
    lastAdmission: last.find((l) => l.orgId === d.orgId)?.on?.toString() ?? null,
  }))
  return { analysis, dormant, names, people, pipelines, policy, asOf }
}

const educationField = (code: string) => {
  const education = educationOf(code)
  return education === undefined ? {} : { education }
}

/** Per organization: development objects and activists per occupation group, admissions per year. */
export const organizationPipelines = (
  people: readonly PipelinePerson[],
  admissions: readonly { orgId: string; year: number; n: number }[],
): OrganizationPipeline[] => {
  const by = new Map<
    string,
    {
      developmentObjects: Record<string, number>
      activists: Record<string, number>
      admissionsByYear: Record<number, number>
    }
  >()
  const get = (id: string) => {
    let o = by.get(id)
    if (o === undefined) {
      o = { developmentObjects: {}, activists: {}, admissionsByYear: {} }
      by.set(id, o)
    }
    return o
  }
  for (const p of people) {
    const g = p.occupation ?? "other"
    if (p.role === "development-object")
      get(p.orgId).developmentObjects[g] = (get(p.orgId).developmentObjects[g] ?? 0) + 1
    else if (p.role === "activist") get(p.orgId).activists[g] = (get(p.orgId).activists[g] ?? 0) + 1
  }
  for (const a of admissions) get(a.orgId).admissionsByYear[a.year] = a.n
  return [...by.entries()].map(([orgId, o]) => ({ orgId, ...o }))
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
    byEthnicity: rows(by.ethnicity, (k) => ethnicityCodes[k] ?? k),
    byOrganization: rows(by.organization, (k) => a.names.get(k) ?? k),
    dormant: a.dormant,
  }
}

export const composition = route({
  method: "get",
  path: "/api/development/composition",
  summary:
    "The year's composition analysis of applicants, activists and development objects, and dormant organizations",
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
