/**
 * 学时统计: every member's credited study hours of a year in one read. The entries alone on their member-day
 * that `fullWhenAlone` admits (they cannot overlap anything, so `creditStudy` credits them in full) are summed in
 * SQL; only the crowded member-days (several entries, which may overlap) and odd entries come back as rows and go
 * through `creditStudy`. `packages/demo/test/education.test.ts` compares the result with crediting every entry.
 */
import { type PlainDate, Temporal } from "@xianfeng/core"
import {
  type CreditedEntry,
  creditStudy,
  type EducationPolicy,
  type StudyEntry,
  type StudySource,
} from "@xianfeng/education-training"
import { type SQL, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { pathInSubtree } from "../org-tree.js"
import { memberInScope, orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  disciplineAttendance,
  disciplineMeetings,
  educationAttendance,
  educationClasses,
  educationOnline,
  educationSessions,
  members,
  orgs,
} from "../schema/index.js"
import type { StudyWho } from "./study.js"

/** One member's credited study of the year. */
export interface MemberStudyHours {
  readonly memberId: string
  /** Credited tenths of a class hour in the year, in all and per source. */
  readonly tenths: number
  readonly bySource: Readonly<Record<StudySource, number>>
  /** Class attendance rows of the year (人次), credited or not. */
  readonly classPersonTimes: number
  /** Days of centralized sessions credited (> 0) in the year and the year before (the new-post windows). */
  readonly centralizedDates: readonly PlainDate[]
}

/** A year's credited study of the members of a subtree (or one member). */
export interface StudyHours {
  /** Members with at least one counted entry in the year (others have none: callers add zeros). */
  readonly members: ReadonlyMap<string, MemberStudyHours>
  /** Month 1–12 → credited tenths and class person-times of everyone's entries that month. */
  readonly byMonth: readonly {
    readonly month: number
    readonly tenths: number
    readonly personTimes: number
  }[]
  /** Member-days that went through `creditStudy` (for the benchmark's account of the work). */
  readonly crowdedEntries: number
}

/** "HH:MM" → minutes after midnight in SQL, null when it does not read (as the package's `minutesOf`). */
const minutesSql = (column: SQL) =>
  sql`(case when ${column} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' then substr(${column}, 1, 2)::int * 60 + substr(${column}, 4, 2)::int end)`

interface AggRow {
  readonly k: "m" | "n" | "e"
  readonly member_id: string | null
  readonly month: number | null
  readonly class_t: string | number | null
  readonly meeting_t: string | number | null
  readonly online_t: string | number | null
  readonly class_n: string | number | null
  readonly central: string | null
  readonly source: StudySource | null
  readonly ref: string | null
  readonly on_date: string | null
  readonly start_minute: number | null
  readonly end_minute: number | null
  readonly tenths: number | null
  readonly centralized: boolean | null
}

/**
 * The credited study hours of `year` of the members of `who` (class attendance and online learning of members in
 * it; meetings of the policy's study kinds held in it, for those present — as `studyYearOf` reads them), by
 * member and by month, each minute counted once (`creditStudy`'s rule, EM 7). Centralized dates reach back one
 * year. Throws `NotInScope` for an organization or member outside the scope.
 */
export const studyHoursOf = async (
  db: XfDb,
  scope: Scope,
  who: StudyWho,
  year: number,
  policy: EducationPolicy,
): Promise<StudyHours> => {
  const from = Temporal.PlainDate.from({ year: year - 1, month: 1, day: 1 }).toString()
  const yearStart = Temporal.PlainDate.from({ year, month: 1, day: 1 }).toString()
  const to = Temporal.PlainDate.from({ year, month: 12, day: 31 }).toString()
  const counted = new Set(policy.countedSources)
  let whoCond: SQL
  let meetingWithin: string | undefined
  if ("memberId" in who) {
    const m = await memberInScope(db, scope, who.memberId)
    whoCond = sql`${members.id} = ${who.memberId}`
    meetingWithin = m.orgPath
  } else {
    meetingWithin = await withinOf(db, scope, who.orgId)
    whoCond = pathInSubtree(orgs.path, meetingWithin)
  }
  const memberCond = sql`${orgRowInScope(scope)} and ${whoCond}`
  const parts: SQL[] = []
  if (counted.has("class"))
    parts.push(sql`select ${educationAttendance.memberId} as member_id, 'class' as source, ${educationSessions.id}::text as ref,
        ${educationSessions.onDate} as on_date, ${educationSessions.startMinute} as start_minute,
        ${educationSessions.endMinute} as end_minute, ${educationSessions.tenths} as tenths,
        ${educationClasses.centralized} as centralized
      from ${educationAttendance}
      join ${educationSessions} on ${educationSessions.id} = ${educationAttendance.sessionId}
      join ${educationClasses} on ${educationClasses.id} = ${educationSessions.classId}
      join ${members} on ${members.id} = ${educationAttendance.memberId}
      join ${orgs} on ${orgs.id} = ${members.orgId}
      where ${memberCond} and ${educationSessions.onDate} between ${from} and ${to}`)
  if (counted.has("online"))
    parts.push(sql`select ${educationOnline.memberId}, 'online', ${educationOnline.id}::text, ${educationOnline.onDate},
        ${educationOnline.startMinute}, ${educationOnline.endMinute}, ${educationOnline.tenths}, false
      from ${educationOnline}
      join ${members} on ${members.id} = ${educationOnline.memberId}
      join ${orgs} on ${orgs.id} = ${members.orgId}
      where ${memberCond} and ${educationOnline.onDate} between ${from} and ${to}`)
  // A member's card reads the meetings of their organization's subtree, as `studyYearOf` does.
  if (counted.has("meeting") && policy.studyMeetingKinds.length > 0) {
    const kinds = sql.join(
      policy.studyMeetingKinds.map((k) => sql`${disciplineMeetings.types} @> ${JSON.stringify([k])}::jsonb`),
      sql` or `,
    )
    const meetingMember =
      "memberId" in who ? sql` and ${disciplineAttendance.memberId} = ${who.memberId}` : sql``
    parts.push(sql`select ${disciplineAttendance.memberId}, 'meeting', mt.id::text, mt.on_date, mt.s, mt.e,
        ((mt.e - mt.s) * 10 / ${policy.minutesPerClassHour})::int, false
      from (select ${disciplineMeetings.id} as id, ${disciplineMeetings.onDate} as on_date,
              ${minutesSql(sql`${disciplineMeetings.startTime}`)} as s, ${minutesSql(sql`${disciplineMeetings.endTime}`)} as e
            from ${disciplineMeetings} join ${orgs} on ${orgs.id} = ${disciplineMeetings.orgId}
            where ${pathInSubtree(orgs.path, meetingWithin)} and ${disciplineMeetings.onDate} between ${yearStart} and ${to}
              and (${kinds})) mt
      join ${disciplineAttendance} on ${disciplineAttendance.meetingId} = mt.id and ${disciplineAttendance.present}
      where mt.s is not null and mt.e is not null and mt.e > mt.s${meetingMember}`)
  }
  if (parts.length === 0) return { members: new Map(), byMonth: emptyMonths(), crowdedEntries: 0 }
  // Each member-day once (a hash aggregate): how many entries, and — for a day of one entry — that entry (the
  // minimum of one value is the value). fullWhenAlone, in SQL: alone on its member-day and inside the day (timed)
  // or fitting in a day (untimed). Those are summed per member and per month; the entries of every other
  // member-day come back as rows for creditStudy.
  const simple = sql`(g.n = 1 and g.tenths >= 0 and (case when g.s is null or g.en is null
      then g.tenths * ${policy.minutesPerClassHour} <= 14400
      else g.s >= 0 and g.en <= 1440 and g.en > g.s end))`
  const result = await db.execute(sql`
    with e as (${sql.join(parts, sql` union all `)}),
    g as (select e.member_id, e.on_date, count(*) as n, min(e.source) as source, min(e.tenths) as tenths,
            min(e.start_minute) as s, min(e.end_minute) as en, bool_or(e.centralized) as centralized
          from e group by e.member_id, e.on_date),
    a as (select g.*, g.on_date >= ${yearStart} as y,
            (case when g.on_date >= ${yearStart} then extract(month from g.on_date)::int else 0 end) as m
          from g where ${simple})
    select (case when grouping(a.member_id) = 0 then 'm' else 'n' end) as k, a.member_id,
        (case when grouping(a.member_id) = 0 then null else a.m end) as month,
        sum(a.tenths) filter (where a.source = 'class' and a.y) as class_t,
        sum(a.tenths) filter (where a.source = 'meeting' and a.y) as meeting_t,
        sum(a.tenths) filter (where a.source = 'online' and a.y) as online_t,
        count(*) filter (where a.source = 'class' and a.y) as class_n,
        string_agg(a.on_date::text, ',') filter (where a.centralized and a.tenths > 0) as central,
        null as source, null as ref, null as on_date, null::int as start_minute, null::int as end_minute,
        null::int as tenths, null::boolean as centralized
      from a
      group by grouping sets ((a.member_id), (a.m))
    union all
    select 'e', e.member_id, null, null, null, null, null, null, e.source, e.ref, e.on_date::text, e.start_minute,
        e.end_minute, e.tenths, e.centralized
      from e join (select g.member_id, g.on_date from g where not ${simple}) c
        on c.member_id = e.member_id and c.on_date = e.on_date`)
  const rows = rowsOf<AggRow>(result)
  const num = (v: string | number | null) => (v === null ? 0 : Number(v))
  const out = new Map<
    string,
    {
      memberId: string
      tenths: number
      bySource: Record<StudySource, number>
      classPersonTimes: number
      centralizedDates: PlainDate[]
    }
  >()
  const of = (memberId: string) => {
    let m = out.get(memberId)
    if (m === undefined) {
      m = {
        memberId,
        tenths: 0,
        bySource: { class: 0, meeting: 0, online: 0 },
        classPersonTimes: 0,
        centralizedDates: [],
      }
      out.set(memberId, m)
    }
    return m
  }
  const byMonth = emptyMonths()
  const crowded: StudyEntry[] = []
  for (const r of rows) {
    if (r.k === "e") {
      if (r.member_id === null || r.source === null || r.ref === null || r.on_date === null) continue
      crowded.push({
        memberId: r.member_id,
        source: r.source,
        ref: r.ref,
        on: Temporal.PlainDate.from(r.on_date),
        ...(r.start_minute === null || r.end_minute === null
          ? {}
          : { start: r.start_minute, end: r.end_minute }),
        tenths: Number(r.tenths),
        centralized: r.centralized === true,
      })
      continue
    }
    const c = num(r.class_t)
    const mt = num(r.meeting_t)
    const o = num(r.online_t)
    const n = num(r.class_n)
    if (r.k === "n") {
      const month = byMonth[(r.month ?? 0) - 1]
      if (month !== undefined) {
        month.tenths += c + mt + o
        month.personTimes += n
      }
      continue
    }
    if (r.member_id === null) continue
    // A member whose alone entries all lie in the year before (centralized dates only) adds no totals row.
    const m = of(r.member_id)
    m.tenths += c + mt + o
    m.bySource.class += c
    m.bySource.meeting += mt
    m.bySource.online += o
    m.classPersonTimes += n
    if (r.central !== null)
      for (const d of r.central.split(",")) m.centralizedDates.push(Temporal.PlainDate.from(d))
  }
  const credited: readonly CreditedEntry[] = creditStudy(crowded, policy)
  for (const e of credited) {
    if (e.centralized && e.credited > 0) of(e.memberId).centralizedDates.push(e.on)
    if (e.on.year !== year) continue
    const m = of(e.memberId)
    m.tenths += e.credited
    m.bySource[e.source] += e.credited
    const month = byMonth[e.on.month - 1]
    if (month !== undefined) month.tenths += e.credited
    if (e.source === "class") {
      m.classPersonTimes += 1
      if (month !== undefined) month.personTimes += 1
    }
  }
  return { members: out, byMonth, crowdedEntries: crowded.length }
}

const emptyMonths = () => Array.from({ length: 12 }, (_, i) => ({ month: i + 1, tenths: 0, personTimes: 0 }))
