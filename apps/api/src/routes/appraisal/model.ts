/** The appraisal routes' shared glue: from stored rows to the rules' input, and from verdicts to views. */
import {
  type AppraisalPolicy,
  appraisalMessages,
  appraisalPolicy,
  type CycleInput,
  explainGrade,
  type Grade,
  type Suggestion,
  suggestGrades,
  suggestGradesFromCounts,
} from "@xianfeng/appraisal-scoring"
import { type FieldError, formatCitation, renderVerdict, type Verdict } from "@xianfeng/core"
import {
  type CycleRow,
  cycleTalliesOf,
  loadAreaPolicy,
  type ParticipantRow,
  participantsOf,
  peerRatingsOf,
  type XfDb,
} from "@xianfeng/db"
import { type Lang, problems } from "../../http/problem.js"
import type { CycleSummary, GradeCode, ParticipantView } from "./contract.js"

export const verdictView = (v: Verdict, lang: Lang) => ({
  status: v.status,
  code: v.code,
  // The sentence without its articles (they come apart, as `citations`).
  message: renderVerdict({ ...v, citations: [] }, appraisalMessages, lang),
  citations: v.citations.map((c) => formatCitation(c, lang)),
})

/** A rule refused a field of the request: 422 naming it, nothing changed. */
export const refused = (e: FieldError) => problems.unprocessable(e.field, e.reason, e.messageZh, e.message)

export const policyFor = async (db: XfDb, orgPath: string): Promise<AppraisalPolicy> =>
  (await loadAreaPolicy(db, orgPath, appraisalPolicy)).policy

/** Everything the rules need about one cycle, loaded after `cycleInScope`. */
export interface LoadedCycle {
  readonly cycle: CycleRow
  readonly participants: readonly ParticipantRow[]
  readonly ratings: Awaited<ReturnType<typeof peerRatingsOf>>
  readonly input: CycleInput
  readonly suggestion: Suggestion
  readonly policy: AppraisalPolicy
}

/** Rows grouped by their cycle, in one pass (a district's cycles × its ratings would be millions of filters). */
const byCycle = <T extends { readonly cycleId: string }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const list = out.get(r.cycleId)
    if (list === undefined) out.set(r.cycleId, [r])
    else list.push(r)
  }
  return out
}

/**
 * The cycles with their participants, ratings and the rules' suggestion: two queries for all of them, and the
 * policy read once per district (a policy is a district's: `loadAreaPolicy` reads the district of the path).
 */
export const loadCycles = async (db: XfDb, cycles: readonly CycleRow[]): Promise<LoadedCycle[]> => {
  const ids = cycles.map((c) => c.id)
  const [participants, ratings] = await Promise.all([participantsOf(db, ids), peerRatingsOf(db, ids)])
  const participantsBy = byCycle(participants)
  const ratingsBy = byCycle(ratings)
  const policies = new Map<string, Promise<AppraisalPolicy>>()
  const out: LoadedCycle[] = []
  for (const cycle of cycles) {
    const district = cycle.orgPath.split(".")[0] ?? cycle.orgPath
    const cached = policies.get(district) ?? policyFor(db, cycle.orgPath)
    policies.set(district, cached)
    const policy = await cached
    const ps = participantsBy.get(cycle.id) ?? []
    const rs = ratingsBy.get(cycle.id) ?? []
    const input: CycleInput = {
      participants: ps.map((p) => ({ id: p.memberId, stage: p.stage, recusals: p.recusals })),
      selfAssessments: ps.flatMap((p) =>
        p.selfGrade === null ? [] : [{ memberId: p.memberId, grade: p.selfGrade, text: p.selfText ?? "" }],
      ),
      ratings: rs,
    }
    out.push({
      cycle,
      participants: ps,
      ratings: rs,
      input,
      suggestion: suggestGrades(input, policy),
      policy,
    })
  }
  return out
}

const emptyCounts = () => ({ excellent: 0, qualified: 0, basic: 0, unqualified: 0 })

/** What a cycle's summary is made of: the participants' grades and recusals, the ratings counted, the suggestion. */
interface SummaryParts {
  readonly cycle: CycleRow
  readonly participants: readonly Pick<
    ParticipantRow,
    "memberId" | "recusals" | "selfGrade" | "proposedGrade" | "confirmedGrade"
  >[]
  /** How many each rater gave. */
  readonly given: ReadonlyMap<string, number>
  /** How many ratings the cycle holds. */
  readonly ratingsGiven: number
  readonly suggestion: Suggestion
}

/** How many each rater is to rate: everyone else in the cycle but the recused. */
const toRate = (l: Pick<SummaryParts, "participants">, raterId: string) => {
  const own = l.participants.find((q) => q.memberId === raterId)?.recusals ?? []
  return l.participants.filter(
    (p) => p.memberId !== raterId && !p.recusals.includes(raterId) && !own.includes(p.memberId),
  ).length
}

const summaryFrom = (l: SummaryParts): CycleSummary => {
  const grades = emptyCounts()
  const expected = new Map(l.participants.map((p) => [p.memberId, toRate(l, p.memberId)]))
  const outcomes = new Map(l.suggestion.outcomes.map((o) => [o.memberId, o]))
  for (const p of l.participants) {
    const g = p.confirmedGrade ?? p.proposedGrade
    if (g !== null) grades[g]++
  }
  return {
    id: l.cycle.id,
    orgId: l.cycle.orgId,
    orgName: l.cycle.orgName,
    year: l.cycle.year,
    state: l.cycle.state,
    openedOn: l.cycle.openedOn.toString(),
    confirmedOn: l.cycle.confirmedOn?.toString() ?? null,
    participants: l.participants.length,
    graded: l.suggestion.gradedCount,
    excellentCap: l.suggestion.excellentCap,
    selfDone: l.participants.filter((p) => p.selfGrade !== null).length,
    ratersDone: l.participants.filter(
      (p) => (l.given.get(p.memberId) ?? 0) >= (expected.get(p.memberId) ?? 0),
    ).length,
    ratingsGiven: l.ratingsGiven,
    ratingsExpected: [...expected.values()].reduce((a, b) => a + b, 0),
    grades,
    draftExcellent: l.participants.filter(
      (p) => (p.confirmedGrade ?? p.proposedGrade ?? outcomes.get(p.memberId)?.suggested) === "excellent",
    ).length,
    ungraded: l.participants.filter((p) => {
      const o = outcomes.get(p.memberId)
      return o?.graded === true && o.suggested === null && (p.confirmedGrade ?? p.proposedGrade) === null
    }).length,
    version: l.cycle.version,
  }
}

export const summaryOf = (l: LoadedCycle): CycleSummary => {
  const given = new Map<string, number>()
  for (const r of l.ratings) given.set(r.raterId, (given.get(r.raterId) ?? 0) + 1)
  return summaryFrom({
    cycle: l.cycle,
    participants: l.participants,
    given,
    ratingsGiven: l.ratings.length,
    suggestion: l.suggestion,
  })
}

/**
 * The summaries of cycles (`summaryOf` of `loadCycles`, the same figures) from the ratings counted in SQL
 * (`cycleTalliesOf`): the cycle list and the dashboard's panel read a district's counts, not every rating.
 */
export const cycleSummaries = async (db: XfDb, cycles: readonly CycleRow[]): Promise<CycleSummary[]> => {
  const tallies = await cycleTalliesOf(
    db,
    cycles.map((c) => c.id),
  )
  const participantsBy = byCycle(tallies.participants)
  const policies = new Map<string, Promise<AppraisalPolicy>>()
  const out: CycleSummary[] = []
  for (const cycle of cycles) {
    const district = cycle.orgPath.split(".")[0] ?? cycle.orgPath
    const cached = policies.get(district) ?? policyFor(db, cycle.orgPath)
    policies.set(district, cached)
    const policy = await cached
    const ps = participantsBy.get(cycle.id) ?? []
    const suggestion = suggestGradesFromCounts(
      {
        participants: ps.map((p) => ({ id: p.memberId, stage: p.stage, recusals: p.recusals })),
        // Only the grade counts for the score; the text is not read for the list.
        selfAssessments: ps.flatMap((p) =>
          p.selfGrade === null ? [] : [{ memberId: p.memberId, grade: p.selfGrade, text: "" }],
        ),
        received: new Map(ps.map((p) => [p.memberId, p.received])),
      },
      policy,
    )
    out.push(
      summaryFrom({
        cycle,
        participants: ps,
        given: new Map(ps.map((p) => [p.memberId, p.given])),
        ratingsGiven: tallies.ratings.get(cycle.id) ?? 0,
        suggestion,
      }),
    )
  }
  return out
}

export const participantViews = (l: LoadedCycle, lang: Lang): ParticipantView[] =>
  l.participants.map((p) => {
    const o = l.suggestion.outcomes.find((x) => x.memberId === p.memberId)
    const proposed =
      p.proposedGrade === null
        ? undefined
        : { memberId: p.memberId, grade: p.proposedGrade as Grade, reason: p.proposedReason ?? "" }
    const confirmed =
      p.confirmedGrade === null
        ? undefined
        : { memberId: p.memberId, grade: p.confirmedGrade as Grade, reason: p.confirmedReason ?? "" }
    return {
      memberId: p.memberId,
      name: p.name,
      stage: p.stage,
      graded: o?.graded ?? false,
      selfGrade: p.selfGrade,
      selfText: p.selfText,
      raters: o?.raters ?? 0,
      // Recusal is mutual, so those who may rate a member are those the member is to rate.
      ratersPossible: toRate(l, p.memberId),
      score: o?.score == null ? null : o.score / 10,
      suggested: (o?.suggested ?? null) as GradeCode | null,
      proposed: p.proposedGrade,
      proposedReason: p.proposedReason,
      confirmed: p.confirmedGrade,
      confirmedReason: p.confirmedReason,
      recusals: [...p.recusals],
      explanation:
        o === undefined ? [] : explainGrade(o, proposed, confirmed).map((v) => verdictView(v, lang)),
    }
  })
