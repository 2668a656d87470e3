/**
 * A year of study judged (学时), composed from the education queries and discipline's meeting facts with the
 * rules of `@xianfeng/education-training`: the education area's statistics and cards, and other areas that take
 * its result as data (the secretaries' appraisal's study-hours indicator), read it through here.
 */
import { type PlainDate, Temporal } from "@xianfeng/core"
import {
  type CadrePost,
  type CreditedEntry,
  cadrePosts,
  creditStudy,
  type EducationPolicy,
  type ExemptionReason,
  educationPolicy,
  judgeStudyYear,
  meetingStudyEntries,
  needsAttention,
  type StudyEntry,
} from "@xianfeng/education-training"
import type { XfDb } from "../database.js"
import { meetingFactsInSubtree } from "../discipline/meetings.js"
import { loadAreaPolicy } from "../platform/policies.js"
import { memberInScope, type Scope } from "../platform/scope.js"
import { type StudyWho, studyEntriesOf, studyMembersOf } from "./study.js"
import { type MemberStudyHours, studyHoursOf } from "./study-hours.js"

const yearSpan = (year: number) => ({
  from: Temporal.PlainDate.from({ year, month: 1, day: 1 }),
  to: Temporal.PlainDate.from({ year, month: 12, day: 31 }),
})

/**
 * Every entry of the members of `who` in `year` (and the year before, for the new-post windows), each credited by
 * `creditStudy` — the full evaluation, with each entry's title: a member's card lists its lines from here, and
 * the tests compare `studyHoursOf` with it. A subtree's statistics read `studyYearOf` instead.
 */
export const creditedStudyOf = async (
  db: XfDb,
  actor: Scope,
  who: StudyWho,
  year: number,
  policy: EducationPolicy,
): Promise<{ readonly credited: readonly CreditedEntry[]; readonly titles: ReadonlyMap<string, string> }> => {
  const { from, to } = yearSpan(year)
  const stored = await studyEntriesOf(db, actor, who, from.subtract({ years: 1 }), to)
  const meetingOrg = "memberId" in who ? (await memberInScope(db, actor, who.memberId)).orgId : who.orgId
  const meetings = await meetingFactsInSubtree(db, actor, meetingOrg, from, to, {
    kinds: policy.studyMeetingKinds,
    attendedOnly: true,
  })
  const titles = new Map<string, string>()
  const entries: StudyEntry[] = stored.map((e) => {
    titles.set(`${e.source}/${e.ref}`, e.title)
    return {
      memberId: e.memberId,
      source: e.source,
      ref: e.ref,
      on: e.onDate,
      ...(e.startMinute === null || e.endMinute === null ? {} : { start: e.startMinute, end: e.endMinute }),
      tenths: e.tenths,
      centralized: e.centralized,
    }
  })
  for (const m of meetings) titles.set(`meeting/${m.id}`, `${m.orgName} ${m.firstItem?.topic ?? ""}`.trim())
  const meetingEntries = meetingStudyEntries(
    meetings.map((m) => ({ ...m, kinds: m.types, on: m.onDate })),
    policy,
  )
  return { credited: creditStudy([...entries, ...meetingEntries], policy), titles }
}

/**
 * A year of study judged for the members of `who`: each member's credited hours (`studyHoursOf`: entries alone on
 * their day summed in SQL, crowded days through `creditStudy`) and the verdicts of `judgeStudyYear` as of `asOf`,
 * with the hours by month of everyone's entries.
 */
export const studyYearOf = async (db: XfDb, actor: Scope, who: StudyWho, year: number, asOf: PlainDate) => {
  const policy: EducationPolicy = (await loadAreaPolicy(db, actor.orgPath, educationPolicy)).policy
  const people = await studyMembersOf(db, actor, who, year)
  const hours = await studyHoursOf(db, actor, who, year, policy)
  const judged = people.map((p) => {
    const total: MemberStudyHours | undefined = hours.members.get(p.id)
    const verdicts = judgeStudyYear(
      {
        memberId: p.id,
        year,
        tenths: total?.tenths ?? 0,
        centralizedDates: total?.centralizedDates ?? [],
        posts: p.roles
          .filter((r) => (cadrePosts as readonly string[]).includes(r.role))
          .map((r) => ({ post: r.role as CadrePost, since: r.since })),
        admittedOn: p.admittedOn ?? undefined,
        fullMemberOn: p.fullMemberOn ?? undefined,
        exemption:
          p.exemption === null
            ? undefined
            : { reason: p.exemption.reason as ExemptionReason, studyBrought: p.exemption.studyBrought },
        asOf,
      },
      policy,
    )
    return { person: p, total, verdicts }
  })
  return { policy, judged, byMonth: hours.byMonth }
}

/**
 * 学时达标: of the members (full and probationary, normal standing) of `orgId`'s subtree, how many are not
 * exempt (EM 23) and how many of those meet every minimum of `year` as of `asOf` (EM 22; the education policy's
 * hours). `members` counts everyone judged; the share is `meeting / (members - exempt)`.
 */
export const studyMinimumsMet = async (
  db: XfDb,
  scope: Scope,
  orgId: string,
  year: number,
  asOf: PlainDate,
): Promise<{ readonly members: number; readonly exempt: number; readonly meeting: number }> => {
  const { judged } = await studyYearOf(db, scope, { orgId }, year, asOf)
  const exempt = judged.filter((j) => j.person.exemption !== null).length
  const meeting = judged.filter((j) => j.person.exemption === null && !needsAttention(j.verdicts)).length
  return { members: judged.length, exempt, meeting }
}
