import {
  assessDues,
  automaticCategories,
  type CareCategory,
  type CommendationTitle,
  type DuesCategory,
  festivalDay,
  nationalPolicy,
  noticeEnds,
  visitDeadline,
} from "@xianfeng/care-ledger"
import { type PlainDate, Temporal } from "@xianfeng/core"
import { hashSeed, int, mulberry32, pick } from "@xianfeng/core/testing"
import {
  createSurvey,
  loadDuesAssessments,
  loadDuesPayments,
  loadLedgerEvents,
  loadNominations,
  loadSurveyConfirmations,
  loadVisits,
  loadVisitTargets,
  type NewLedgerEvent,
  writeCampaign,
  writeVisitPlan,
  type XfDb,
} from "@xianfeng/db"
import { Result } from "effect"
import type { DemoContext, DemoContributor } from "../contributor.js"
import type { DemoMember } from "../member.js"

/** What `setup` made that the member batches build on (one district is loaded at a time). */
interface CareDistrict {
  readonly context: DemoContext
  readonly surveyId: string
  readonly planId: string
  readonly planDeadline: PlainDate
  readonly campaignId: string
  readonly campaignYear: number
  /** Nominations made so far per organization holding a quota (withdrawn ones included). */
  readonly nominated: Map<string, number>
  /** The demo secretaries' branches, whose first entry is left for them to visit and review. */
  readonly keep: ReadonlySet<string>
  /** Branches that have confirmed their part of the survey. */
  readonly confirmedBranches: ReadonlySet<string>
  /** Branches whose first member has been seen (each branch's first entry is kept open for the demo's users). */
  readonly seenBranches: Set<string>
  /** The dates the member batches use, made once (see `careDays`). */
  readonly days: CareDays
}
let current: CareDistrict | undefined

const hardships: readonly (readonly [CareCategory, string])[] = [
  ["difficulty", "配偶长期患病，家庭收入低于当地低保标准1.5倍"],
  ["difficulty", "本人下岗失业，子女在读大学"],
  ["hospitalized", "脑梗住院治疗，行动不便"],
  ["disaster", "今年汛期房屋受损"],
  ["bereaved", "老伴今年去世，独居"],
  ["died-on-duty-family", "丈夫在防汛抢险中因公殉职"],
]

const duesCategoryOf = (m: DemoMember): DuesCategory =>
  m.occupationGroup === "retired"
    ? "retiree"
    : m.occupationGroup === "farmer"
      ? "farmer"
      : m.occupationGroup === "student"
        ? "relief"
        : "salaried"

/**
 * A demo member's dues category and base (the first year's, as the contributor draws it): the same numbers the
 * loaded district's assessments start from, for the impact report's dataset.
 */
export const demoDuesBasis = (
  m: DemoMember,
  seed: number | string,
): { readonly category: DuesCategory; readonly baseFen: number } => {
  const rng = mulberry32(hashSeed(seed, "care-dues", m.id))
  const category = duesCategoryOf(m)
  return {
    category,
    baseFen: category === "retiree" ? int(rng, 2_500, 8_000) * 100 : int(rng, 2_200, 16_000) * 100,
  }
}

/** A month as a count of months since year 0 (`year * 12 + month - 1`): the hot loops compare and format these. */
const monthIndex = (d: { readonly year: number; readonly month: number }) => d.year * 12 + d.month - 1

/** `YYYY-MM`, as `Temporal.PlainYearMonth#toString` writes a month of the years 1000–9999. */
const monthText = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`

/**
 * The `n` ended months before `asOf`'s, oldest first, each with its paying day (the 10th) made once per load
 * rather than once per member.
 */
const monthsBack = (asOf: PlainDate, n: number) => {
  const last = monthIndex(asOf) - 1
  return Array.from({ length: n }, (_, i) => {
    const index = last - (n - 1 - i)
    const year = Math.floor(index / 12)
    return { index, year, text: monthText(index), tenth: date(year, (index % 12) + 1, 10) }
  })
}

const date = (year: number, month: number, day: number): PlainDate =>
  Temporal.PlainDate.from({ year, month, day })

/** `from` moved by each number of days in [lo, hi], made once: `days(n)` is `from.add({ days: n })`. */
const dayTable = (from: PlainDate, lo: number, hi: number) => {
  const table = Array.from({ length: hi - lo + 1 }, (_, i) => from.add({ days: lo + i }))
  return (n: number): PlainDate => table[n - lo] ?? from.add({ days: n })
}

/**
 * Every date the member batches write, made once per load: the dues' last 12 ended months (with their paying
 * day, the 10th) and the current month's days 1–25, the ledger's days around the survey's start (20 days before
 * `asOf`) and the visits' last fortnight. Temporal objects made per member were most of the care contributor's
 * time in a profile of the load.
 */
const careDays = (asOf: PlainDate) => {
  const surveyStart = asOf.subtract({ days: 20 })
  return {
    months: monthsBack(asOf, 12),
    current: { index: monthIndex(asOf), year: asOf.year, text: monthText(monthIndex(asOf)) },
    currentDay: Array.from({ length: 26 }, (_, d) => (d === 0 ? asOf : date(asOf.year, asOf.month, d))),
    surveyStart,
    surveyStartPlus: dayTable(surveyStart, -1_000, 18),
    asOfPlus: dayTable(asOf, -14, 0),
  }
}
type CareDays = ReturnType<typeof careDays>

/**
 * 党内关怀 in the demo district, relative to the day it is loaded (`asOf`):
 * - a year of dues for every member on the roll — assessments for the years the last 12 ended months touch,
 *   payments on the 10th — with some in arrears: about 1 in 20 behind by 1–3 months, about 1 in 60 (and at least
 *   one per thousand members) behind by 7, the self-lapse alert's six and more; and the current month collected
 *   as a branch collects it, each member who is not behind paying on a day of their own between the 1st and
 *   the 25th (so by the load day some have paid and others not yet), about 1 in 12 of them late, not yet paid;
 * - the care ledger: every branch's first member and about 1 in 15 others, opened over the past three years
 *   (old members by the policy, hardship, hospital, disaster, bereavement, a family of a member who died on duty);
 * - this year's survey (摸底调查), started 20 days ago and due in 15: about a third of the branches have confirmed
 *   every entry (never the demo secretaries' branches, which are left for them to do);
 * - the coming Spring Festival's visit plan of the district (a budget of ¥1,200,000): everyone the ledger's
 *   categories name, about half visited in the last fortnight (never the first entry of a demo secretary's
 *   branch), ¥200–600 each;
 * - the next July 1's commendation campaign (两优一先) of the district, a quota of 4 for each town and the
 *   district's offices, its public notice begun 15 days ago: each has one nomination approved, one on notice,
 *   one vetted and one withdrawn, and every one but the first town (the demo officer's, left a place to
 *   nominate) one more just nominated, so its quota is used up.
 */
export const careContributor: DemoContributor = {
  area: "care",
  setup: async (tx, district) => {
    const asOf = district.asOf
    const survey = await createSurvey(
      tx,
      { orgId: "d1", orgPath: "d1" },
      {
        orgId: "d1",
        year: asOf.year,
        title: `${asOf.year}年党内关怀对象摸底调查`,
        startsOn: asOf.subtract({ days: 20 }),
        deadline: asOf.add({ days: 15 }),
        recordedBy: null,
        recordedAt: new Date(`${asOf.toString()}T00:00:00Z`),
      },
    )
    const thisYear = Result.getOrThrow(festivalDay("spring-festival", asOf.year))
    const year = Temporal.PlainDate.compare(thisYear, asOf) >= 0 ? asOf.year : asOf.year + 1
    const festivalOn = Result.getOrThrow(festivalDay("spring-festival", year))
    const { plan } = await writeVisitPlan(
      tx,
      {
        orgId: "d1",
        festival: "spring-festival",
        year,
        title: `${year}年春节走访慰问`,
        festivalOn,
        deadline: visitDeadline(festivalOn, nationalPolicy),
        budgetFen: 120_000_000,
        fundSource: "代中央管理党费、区级配套",
        recordedBy: null,
        recordedAt: new Date(`${asOf.toString()}T00:00:00Z`),
      },
      [],
    )
    const campaignYear = asOf.month >= 7 ? asOf.year + 1 : asOf.year
    const campaign = await writeCampaign(
      tx,
      {
        orgId: "d1",
        year: campaignYear,
        title: `${campaignYear}年“两优一先”评选表彰`,
        noticeStartsOn: asOf.subtract({ days: 15 }),
        recordedBy: null,
        recordedAt: new Date(`${asOf.toString()}T00:00:00Z`),
      },
      district.orgs.filter((o) => o.parentId === "d1").map((o) => ({ orgId: o.id, quota: COMMEND_QUOTA })),
    )
    const keep = new Set(
      ["c01", "c05"].flatMap((c) => {
        const b = district.orgs.find(
          (o) => o.kind === "branch" && o.path.startsWith(`d1.${c}.`) && !o.temporary,
        )
        return b === undefined ? [] : [b.id]
      }),
    )
    const confirmedBranches = new Set(
      district.orgs
        .filter(
          (o) =>
            o.kind === "branch" && !keep.has(o.id) && hashSeed(district.seed, "care-survey", o.id) % 3 === 0,
        )
        .map((o) => o.id),
    )
    current = {
      context: district,
      surveyId: survey.id,
      planId: plan.id,
      planDeadline: visitDeadline(festivalOn, nationalPolicy),
      campaignId: campaign.id,
      campaignYear,
      nominated: new Map(),
      keep,
      confirmedBranches,
      seenBranches: new Set(),
      days: careDays(asOf),
    }
  },
  rows: async (tx, batch) => {
    const care = current
    if (care === undefined) return {}
    const { asOf, seed } = care.context
    const onRoll = batch.filter(
      (m) =>
        m.status === "normal" && (m.stage === "full" || m.stage === "probationary") && m.admittedOn !== null,
    )
    return {
      ...(await dues(tx, onRoll, asOf, seed, care.days)),
      ...(await ledgerAndVisits(tx, care, onRoll)),
      ...(await nominations(tx, care, onRoll)),
    }
  },
}

const dues = async (
  tx: XfDb,
  members: readonly DemoMember[],
  asOf: PlainDate,
  seed: number | string,
  { months, current, currentDay }: CareDays,
) => {
  // Months are compared as month numbers and every date comes from `careDays`: no Temporal object per member.
  const years = [...new Set([...months.map((m) => m.year), asOf.year])]
  const firstIndex = months[0]?.index ?? current.index
  const recordedAt = new Date(`${asOf.toString()}T00:00:00Z`)
  const assessments = []
  const payments = []
  for (const m of members) {
    const rng = mulberry32(hashSeed(seed, "care-dues", m.id))
    const category = duesCategoryOf(m)
    const base = category === "retiree" ? int(rng, 2_500, 8_000) * 100 : int(rng, 2_200, 16_000) * 100
    const admittedOn = m.admittedOn as PlainDate
    const admitted = monthIndex(admittedOn)
    const monthly = new Map<number, number>()
    for (const year of years) {
      if (year < admittedOn.year) continue
      // A raise now and then: the base of each year is fixed at its start.
      const a = Result.getOrThrow(
        assessDues(category, base + (year - (years[0] ?? year)) * int(rng, 0, 300) * 100, nationalPolicy),
      )
      monthly.set(year, a.monthlyFen)
      assessments.push({
        memberId: m.id,
        year,
        category,
        baseFen: a.baseFen,
        basisPoints: a.basisPoints,
        monthlyFen: a.monthlyFen,
        // Owed from the later of January, admission and the window's first month (none after `year`'s
        // January falls in an earlier year): the demo's records start a year back, so nothing before is in
        // arrears.
        fromMonth: monthText(Math.max(year * 12, admitted, firstIndex)),
        recordedBy: null,
        recordedAt,
      })
    }
    const h = hashSeed(seed, "care-arrears", m.id)
    const behind = h % 60 === 0 ? 7 : h % 20 === 0 ? int(rng, 1, 3) : 0
    // This month: paid by the load day on the member's own day, unless behind or late (not yet paid).
    const h2 = hashSeed(seed, "care-dues-day", m.id)
    const payDay = 1 + (h2 % 25)
    const paysThisMonth = behind === 0 && h2 % 12 !== 0 && payDay <= asOf.day && monthly.has(current.year)
    const count = months.length + (paysThisMonth ? 1 : 0)
    for (let i = 0; i < count; i++) {
      if (i < months.length && i >= months.length - behind) break
      const month = i < months.length ? (months[i] as (typeof months)[number]) : current
      if (month.index < admitted) continue
      const fen = monthly.get(month.year)
      if (fen === undefined) continue
      payments.push({
        memberId: m.id,
        month: month.text,
        amountFen: fen,
        paidOn:
          i < months.length
            ? (months[i] as (typeof months)[number]).tenth
            : (currentDay[payDay] as PlainDate),
        recordedBy: null,
        recordedAt,
      })
    }
  }
  await loadDuesAssessments(tx, assessments)
  await loadDuesPayments(tx, payments)
  return { careDuesAssessments: assessments.length, careDuesPayments: payments.length }
}

const COMMEND_QUOTA = 4

/** The stages of an organization's nominations in the order they are made (the demo's campaign). */
const commendStages = ["approved", "noticed", "vetted", "withdrawn", "nominated"] as const

/**
 * The day the demo's approved nominations were approved: the first day after the notice (begun 15 days before
 * `asOf`) ran its term, as the approval rule allows; `asOf` when the calendar cannot say.
 */
const approvalDay = (asOf: PlainDate): PlainDate => {
  const ends = noticeEnds(asOf.subtract({ days: 15 }), nationalPolicy)
  if (ends._tag === "Unknown") return asOf
  const next = ends.value.add({ days: 1 })
  return Temporal.PlainDate.compare(next, asOf) <= 0 ? next : asOf
}

const nominations = async (tx: XfDb, care: CareDistrict, members: readonly DemoMember[]) => {
  const { seed, orgById, asOf } = care.context
  const approvedOn = approvalDay(asOf)
  const rows = []
  for (const m of members) {
    if (m.stage !== "full" || hashSeed(seed, "care-commend", m.id) % 7 !== 0) continue
    const holder = orgById.get(m.orgId)?.path.split(".")[1]
    if (holder === undefined) continue
    const made = care.nominated.get(holder) ?? 0
    // The first town keeps a place for the demo officer to nominate.
    const stages = holder === "c01" ? commendStages.slice(0, 4) : commendStages
    const stage = stages[made]
    if (stage === undefined) continue
    care.nominated.set(holder, made + 1)
    const rng = mulberry32(hashSeed(seed, "care-commend-refs", m.id))
    const title: CommendationTitle = made % 3 === 2 ? "party-worker" : "outstanding-member"
    rows.push({
      campaignId: care.campaignId,
      orgId: holder,
      title,
      memberId: m.id,
      stage,
      approvedOn: stage === "approved" ? approvedOn : null,
      refs: {
        grades: { [String(care.campaignYear - 1)]: int(rng, 0, 2) === 0 ? "qualified" : "excellent" },
        ...(title === "party-worker" ? { partyWorkYears: int(rng, 5, 20) } : {}),
        deeds: pick(rng, [
          "带领群众修建村道，组织防汛抢险",
          "长期结对帮扶困难党员，主动认领服务岗位",
          "扎根基层二十余年，所在支部连续三年评为先进",
          "疫情期间带头值守卡口，组织志愿服务",
        ]),
      },
      recordedBy: null,
      recordedAt: new Date(`${asOf.toString()}T00:00:00Z`),
    })
  }
  await loadNominations(tx, rows)
  return { careNominations: rows.length }
}

const ledgerAndVisits = async (tx: XfDb, care: CareDistrict, members: readonly DemoMember[]) => {
  const { asOf, seed } = care.context
  const at = new Date(`${asOf.toString()}T00:00:00Z`)
  const { surveyStart, surveyStartPlus, asOfPlus } = care.days
  const events: NewLedgerEvent[] = []
  const targets: {
    id: string
    orgId: string
    memberId: string
    personName: string
    categories: string[]
    visit: boolean
  }[] = []
  for (const m of members) {
    const first = !care.seenBranches.has(m.orgId)
    care.seenBranches.add(m.orgId)
    const rng = mulberry32(hashSeed(seed, "care-ledger", m.id))
    const auto = automaticCategories(
      {
        birthDate: m.birthDate,
        ...(m.admittedOn === null ? {} : { admittedOn: m.admittedOn }),
        ...(m.fullMemberOn === null ? {} : { fullMemberOn: m.fullMemberOn }),
      },
      surveyStart,
      nationalPolicy,
    )
    const picked: (readonly [CareCategory, string | null])[] = auto.map((c) => [c, null] as const)
    if (first || int(rng, 1, 15) === 1) picked.push(pick(rng, hardships))
    if (picked.length === 0) continue
    const categories: CareCategory[] = []
    for (const [category, detail] of picked) {
      const entryId = crypto.randomUUID()
      categories.push(category)
      events.push({
        entryId,
        orgId: m.orgId,
        memberId: m.id,
        kind: "opened",
        category,
        onDate: surveyStartPlus(-int(rng, 30, 1_000)),
        reason: category === "old-member" ? "年满80周岁或党龄满50年" : "支部走访了解",
        detail,
        recordedBy: null,
        recordedAt: at,
      })
      if (care.confirmedBranches.has(m.orgId))
        events.push({
          entryId,
          orgId: m.orgId,
          kind: "confirmed",
          onDate: surveyStartPlus(int(rng, 1, 15)),
          reason: "摸底核实，情况仍然存在",
          surveyId: care.surveyId,
          recordedBy: null,
          recordedAt: at,
        })
    }
    targets.push({
      id: crypto.randomUUID(),
      orgId: m.orgId,
      memberId: m.id,
      personName: m.name,
      categories,
      visit: !(first && care.keep.has(m.orgId)) && int(rng, 0, 1) === 0,
    })
  }
  await loadLedgerEvents(tx, events)
  await loadSurveyConfirmations(
    tx,
    care.surveyId,
    [...new Set(members.map((m) => m.orgId))].filter((orgId) => care.confirmedBranches.has(orgId)),
    surveyStartPlus(18),
    null,
  )
  await loadVisitTargets(
    tx,
    care.planId,
    targets.map((t) => ({
      id: t.id,
      orgId: t.orgId,
      entryId: null,
      memberId: t.memberId,
      personName: t.personName,
      categories: t.categories,
      leader: "",
    })),
  )
  const visits = targets
    .filter((t) => t.visit)
    .map((t) => {
      const rng = mulberry32(hashSeed(seed, "care-visit", t.memberId))
      return {
        planId: care.planId,
        targetId: t.id,
        visitedOn: asOfPlus(-int(rng, 0, 14)),
        visitors: [pick(rng, ["区委组织部副部长", "镇党委书记", "镇党委组织委员", "支部书记"])],
        help: pick(rng, ["慰问金及米面油", "慰问金", "慰问金及过冬棉被"]),
        amountFen: int(rng, 20, 60) * 1_000,
        recordedBy: null,
        recordedAt: at,
      }
    })
  await loadVisits(tx, visits)
  return { careLedgerEvents: events.length, careVisitTargets: targets.length, careVisits: visits.length }
}
