/**
 * 学时统计: every member's credited study hours of a year in one read, from the study-hours index
 * (`education_study_index`). A member's row holds their year as last computed, with the member's stamp
 * (`education_study_stamps`, bumped by statement triggers on every write of what their hours are made of) and
 * the policy it was computed under; a read returns the stored rows whose stamp and policy still hold and
 * recomputes only the others (`computeStudyHours`), storing them. Computing: the entries alone on their
 * member-day that `fullWhenAlone` admits (they cannot overlap anything, so `creditStudy` credits them in full)
 * are summed in SQL; only the crowded member-days (several entries, which may overlap) and odd entries come back
 * as rows and go through `creditStudy`. `packages/demo/test/education.test.ts` compares the result with
 * crediting every entry.
 */
import { createHash } from "node:crypto"
import { type OrgPath, type PlainDate, Temporal } from "@xianfeng/core"
import {
  type CreditedEntry,
  creditStudy,
  type EducationPolicy,
  type StudyEntry,
  type StudySource,
} from "@xianfeng/education-training"
import { type SQL, sql } from "drizzle-orm"
import { rowsOf, type XfDb } from "../database.js"
import { inUuids } from "../internal/id-list.js"
import { pathInSubtree } from "../org-tree.js"
import { memberInScope, orgRowInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  disciplineAttendance,
  disciplineMeetings,
  educationAttendance,
  educationClasses,
  educationOnline,
  educationSessions,
  educationStudyIndex,
  educationStudyStamps,
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
  /**
   * Entries of crowded member-days that went through `creditStudy` in this read (only members recomputed:
   * those whose stored row was missing or stale, or who sat in meetings outside the subtree read).
   */
  readonly crowdedEntries: number
  /** Members recomputed in this read (the rest came from the index), for the benchmark's account of the work. */
  readonly recomputed: number
}

/** "HH:MM" → minutes after midnight in SQL, null when it does not read (as the package's `minutesOf`). */
const minutesSql = (column: SQL) =>
  sql`(case when ${column} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' then substr(${column}, 1, 2)::int * 60 + substr(${column}, 4, 2)::int end)`

interface AggRow {
  readonly k: "m" | "s" | "f" | "e"
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

/** One member's year as computed (and stored): `MemberStudyHours` with its months and foreign meetings. */
interface Computed {
  memberId: string
  tenths: number
  bySource: Record<StudySource, number>
  classPersonTimes: number
  centralizedDates: PlainDate[]
  /** Credited tenths of months 1–12, then class person-times of months 1–12. */
  months: number[]
  /** Organizations other than the member's own whose study meetings they sat in (null: none). */
  foreignOrgs: string[] | null
  /** The member's stamp read in the same statement as their entries (0: never bumped). */
  stamp: number
  /** The member's organization, read with the stamp (the index row's `org_id`, which the database sets all the same). */
  orgId: string
  /** The member had any entry in the two years. */
  present: boolean
}

/**
 * Credits the year of the members matching `memberCond` (a condition on `members` and `orgs`, scope included):
 * their class attendance and online learning, and their presence at meetings of the policy's study kinds held in
 * the subtree `meetingWithin` (anywhere when null), each minute once (`creditStudy`, EM 7). Every member
 * matching comes back (with zeros when they have no entry), with their stamp read in the same statement.
 */
const computeStudyHours = async (
  db: XfDb,
  memberCond: SQL,
  meetingWithin: OrgPath | null,
  year: number,
  policy: EducationPolicy,
): Promise<{ readonly members: Map<string, Computed>; readonly crowdedEntries: number }> => {
  const from = Temporal.PlainDate.from({ year: year - 1, month: 1, day: 1 }).toString()
  const yearStart = Temporal.PlainDate.from({ year, month: 1, day: 1 }).toString()
  const to = Temporal.PlainDate.from({ year, month: 12, day: 31 }).toString()
  const counted = new Set(policy.countedSources)
  const parts: SQL[] = []
  if (counted.has("class"))
    parts.push(sql`select ${educationAttendance.memberId} as member_id, 'class' as source, ${educationSessions.id}::text as ref,
        ${educationSessions.onDate} as on_date, ${educationSessions.startMinute} as start_minute,
        ${educationSessions.endMinute} as end_minute, ${educationSessions.tenths} as tenths,
        ${educationClasses.centralized} as centralized, null::text as forg
      from ${educationAttendance}
      join ${educationSessions} on ${educationSessions.id} = ${educationAttendance.sessionId}
      join ${educationClasses} on ${educationClasses.id} = ${educationSessions.classId}
      join ${members} on ${members.id} = ${educationAttendance.memberId}
      join ${orgs} on ${orgs.id} = ${members.orgId}
      where ${memberCond} and ${educationSessions.onDate} between ${from} and ${to}`)
  if (counted.has("online"))
    parts.push(sql`select ${educationOnline.memberId}, 'online', ${educationOnline.id}::text, ${educationOnline.onDate},
        ${educationOnline.startMinute}, ${educationOnline.endMinute}, ${educationOnline.tenths}, false, null
      from ${educationOnline}
      join ${members} on ${members.id} = ${educationOnline.memberId}
      join ${orgs} on ${orgs.id} = ${members.orgId}
      where ${memberCond} and ${educationOnline.onDate} between ${from} and ${to}`)
  if (counted.has("meeting") && policy.studyMeetingKinds.length > 0) {
    const kinds = sql.join(
      policy.studyMeetingKinds.map((k) => sql`${disciplineMeetings.types} @> ${JSON.stringify([k])}::jsonb`),
      sql` or `,
    )
    const within = meetingWithin === null ? sql`true` : pathInSubtree(sql`mo.path`, meetingWithin)
    parts.push(sql`select ${disciplineAttendance.memberId}, 'meeting', mt.id::text, mt.on_date, mt.s, mt.e,
        ((mt.e - mt.s) * 10 / ${policy.minutesPerClassHour})::int, false,
        (case when mt.org_id <> ${members.orgId} then mt.org_id end)
      from (select ${disciplineMeetings.id} as id, ${disciplineMeetings.orgId} as org_id, ${disciplineMeetings.onDate} as on_date,
              ${minutesSql(sql`${disciplineMeetings.startTime}`)} as s, ${minutesSql(sql`${disciplineMeetings.endTime}`)} as e
            from ${disciplineMeetings} join ${orgs} as mo on mo.id = ${disciplineMeetings.orgId}
            where ${within} and ${disciplineMeetings.onDate} between ${yearStart} and ${to}
              and (${kinds})) mt
      join ${disciplineAttendance} on ${disciplineAttendance.meetingId} = mt.id and ${disciplineAttendance.present}
      join ${members} on ${members.id} = ${disciplineAttendance.memberId}
      join ${orgs} on ${orgs.id} = ${members.orgId}
      where ${memberCond} and mt.s is not null and mt.e is not null and mt.e > mt.s`)
  }
  // Each member-day once (a hash aggregate): how many entries, and — for a day of one entry — that entry (the
  // minimum of one value is the value). fullWhenAlone, in SQL: alone on its member-day and inside the day (timed)
  // or fitting in a day (untimed). Those are summed per member and month; the entries of every other member-day
  // come back as rows for creditStudy. Every member matching comes back with their stamp ('s').
  const simple = sql`(g.n = 1 and g.tenths >= 0 and (case when g.s is null or g.en is null
      then g.tenths * ${policy.minutesPerClassHour} <= 14400
      else g.s >= 0 and g.en <= 1440 and g.en > g.s end))`
  const none = sql`null::text as ref, null::text as on_date, null::int as start_minute, null::int as end_minute,
      null::int as tenths, null::boolean as centralized`
  const entries =
    parts.length === 0
      ? sql`select null::uuid as member_id, null::text as source, null::text as ref, null::date as on_date,
          null::int as start_minute, null::int as end_minute, null::int as tenths, null::boolean as centralized,
          null::text as forg where false`
      : sql.join(parts, sql` union all `)
  const result = await db.execute(sql`
    with e as materialized (${entries}),
    g as (select e.member_id, e.on_date, count(*) as n, min(e.source) as source, min(e.tenths) as tenths,
            min(e.start_minute) as s, min(e.end_minute) as en, bool_or(e.centralized) as centralized
          from e group by e.member_id, e.on_date),
    a as (select g.*, g.on_date >= ${yearStart} as y,
            (case when g.on_date >= ${yearStart} then extract(month from g.on_date)::int else 0 end) as m
          from g where ${simple})
    select 'm' as k, a.member_id, a.m as month,
        sum(a.tenths) filter (where a.source = 'class' and a.y) as class_t,
        sum(a.tenths) filter (where a.source = 'meeting' and a.y) as meeting_t,
        sum(a.tenths) filter (where a.source = 'online' and a.y) as online_t,
        count(*) filter (where a.source = 'class' and a.y) as class_n,
        string_agg(a.on_date::text, ',') filter (where a.centralized and a.tenths > 0) as central,
        null as source, ${none}
      from a
      group by a.member_id, a.m
    union all
    select 's', ${members.id}, null, coalesce(st.stamp, 0), null, null, null, null, null, ${members.orgId},
        null::text, null::int, null::int, null::int, null::boolean
      from ${members} join ${orgs} on ${orgs.id} = ${members.orgId}
      left join ${educationStudyStamps} as st on st.member_id = ${members.id}
      where ${memberCond}
    union all
    select 'f', e.member_id, null, null, null, null, null, string_agg(distinct e.forg, ','), null, ${none}
      from e where e.forg is not null group by e.member_id
    union all
    select 'e', e.member_id, null, null, null, null, null, null, e.source, e.ref, e.on_date::text, e.start_minute,
        e.end_minute, e.tenths, e.centralized
      from e join (select g.member_id, g.on_date from g where not ${simple}) c
        on c.member_id = e.member_id and c.on_date = e.on_date`)
  const rows = rowsOf<AggRow>(result)
  const dayOf = dayParser()
  const num = (v: string | number | null) => (v === null ? 0 : Number(v))
  const out = new Map<string, Computed>()
  const of = (memberId: string) => {
    let m = out.get(memberId)
    if (m === undefined) {
      m = {
        memberId,
        tenths: 0,
        bySource: { class: 0, meeting: 0, online: 0 },
        classPersonTimes: 0,
        centralizedDates: [],
        months: new Array<number>(24).fill(0),
        foreignOrgs: null,
        stamp: 0,
        orgId: "",
        present: false,
      }
      out.set(memberId, m)
    }
    return m
  }
  const crowded: StudyEntry[] = []
  for (const r of rows) {
    if (r.member_id === null) continue
    if (r.k === "e") {
      if (r.source === null || r.ref === null || r.on_date === null) continue
      crowded.push({
        memberId: r.member_id,
        source: r.source,
        ref: r.ref,
        on: dayOf(r.on_date),
        ...(r.start_minute === null || r.end_minute === null
          ? {}
          : { start: r.start_minute, end: r.end_minute }),
        tenths: Number(r.tenths),
        centralized: r.centralized === true,
      })
      of(r.member_id).present = true
      continue
    }
    const m = of(r.member_id)
    if (r.k === "s") {
      m.stamp = num(r.class_t)
      m.orgId = r.ref ?? ""
      continue
    }
    if (r.k === "f") {
      m.foreignOrgs = r.central === null ? null : r.central.split(",")
      continue
    }
    const c = num(r.class_t)
    const mt = num(r.meeting_t)
    const o = num(r.online_t)
    const n = num(r.class_n)
    m.present = true
    m.tenths += c + mt + o
    m.bySource.class += c
    m.bySource.meeting += mt
    m.bySource.online += o
    m.classPersonTimes += n
    const month = r.month ?? 0
    if (month >= 1 && month <= 12) {
      m.months[month - 1] = (m.months[month - 1] ?? 0) + c + mt + o
      m.months[month + 11] = (m.months[month + 11] ?? 0) + n
    }
    if (r.central !== null) for (const d of r.central.split(",")) m.centralizedDates.push(dayOf(d))
  }
  const credited: readonly CreditedEntry[] = creditStudy(crowded, policy)
  for (const e of credited) {
    const m = of(e.memberId)
    if (e.centralized && e.credited > 0) m.centralizedDates.push(e.on)
    if (e.on.year !== year) continue
    m.tenths += e.credited
    m.bySource[e.source] += e.credited
    m.months[e.on.month - 1] = (m.months[e.on.month - 1] ?? 0) + e.credited
    if (e.source === "class") {
      m.classPersonTimes += 1
      m.months[e.on.month + 11] = (m.months[e.on.month + 11] ?? 0) + 1
    }
  }
  return { members: out, crowdedEntries: crowded.length }
}

/** The digest of a policy, stored with each index row: a row computed under another policy is recomputed. */
const basisOf = (policy: EducationPolicy): string =>
  createHash("sha256").update(JSON.stringify(policy)).digest("base64url").slice(0, 22)

/** Stores computed years (`education_study_index`), each with the stamp read with its entries. */
const storeStudyHours = async (
  db: XfDb,
  year: number,
  basis: string,
  computed: Iterable<Computed>,
): Promise<void> => {
  const rows = [...computed].map((c) => ({
    memberId: c.memberId,
    year,
    stamp: c.stamp,
    basis,
    present: c.present,
    classTenths: c.bySource.class,
    meetingTenths: c.bySource.meeting,
    onlineTenths: c.bySource.online,
    classPersonTimes: c.classPersonTimes,
    central: c.centralizedDates.map(String),
    months: c.months,
    foreignOrgs: c.foreignOrgs,
    orgId: c.orgId,
  }))
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insert(educationStudyIndex)
      .values(rows.slice(i, i + 2000))
      .onConflictDoUpdate({
        target: [educationStudyIndex.memberId, educationStudyIndex.year],
        set: {
          stamp: sql`excluded.stamp`,
          basis: sql`excluded.basis`,
          present: sql`excluded.present`,
          classTenths: sql`excluded.class_tenths`,
          meetingTenths: sql`excluded.meeting_tenths`,
          onlineTenths: sql`excluded.online_tenths`,
          classPersonTimes: sql`excluded.class_person_times`,
          central: sql`excluded.central`,
          months: sql`excluded.months`,
          foreignOrgs: sql`excluded.foreign_orgs`,
        },
      })
}

interface StoredRow {
  readonly k: "m" | "s" | "x" | "n"
  readonly id: string | null
  readonly class_t: number | null
  readonly meeting_t: number | null
  readonly online_t: number | null
  readonly class_n: number | null
  readonly central: string[] | string | null
  readonly months: (string | number)[] | string | null
}

/**
 * How `studyHoursOf` recomputes stale members: in one statement up to `byIdUpTo` of them (default 2,000; also the
 * size of a batch of members who sat in other organizations' meetings), else `passSize` members (default 25,000)
 * a pass, in id order — each pass holds its members' entries in memory, so the first read of a province's year
 * stays bounded. Tests lower both to exercise the passes on a small district.
 */
export interface StudyHoursPasses {
  readonly byIdUpTo?: number
  readonly passSize?: number
}

/**
 * The credited study hours of `year` of the members of `who` (class attendance and online learning of members in
 * it; meetings of the policy's study kinds held in it, for those present — as `studyYearOf` reads them), by
 * member and by month, each minute counted once (`creditStudy`'s rule, EM 7). Centralized dates reach back one
 * year. Throws `NotInScope` for an organization or member outside the scope.
 *
 * Read from the study-hours index (`education_study_index`): one statement returns the stored years of the
 * members whose stamp and policy digest still hold, the ids of the others, and the monthly sums of the stored
 * ones. The others are recomputed (`computeStudyHours`, every meeting they sat in) and stored with the stamp
 * read in that same statement, so a write that lands meanwhile leaves them stale for the next read. A member who
 * sat in study meetings of organizations other than their own (a member moved since) is computed afresh with
 * only the subtree's meetings, as before, on every read. The first read of a year fills the index, recomputing
 * the stale members a pass at a time (`passes`, see `StudyHoursPasses`).
 *
 * Only members of `who` are counted: someone who sat in a meeting of the subtree but belongs elsewhere (moved
 * away since) counts in their own organization's reads, not in this one's months.
 */
export const studyHoursOf = async (
  db: XfDb,
  scope: Scope,
  who: StudyWho,
  year: number,
  policy: EducationPolicy,
  passes: StudyHoursPasses = {},
): Promise<StudyHours> => {
  const byIdUpTo = passes.byIdUpTo ?? 2_000
  const passSize = passes.passSize ?? 25_000
  let whoCond: SQL
  let meetingWithin: OrgPath
  if ("memberId" in who) {
    const m = await memberInScope(db, scope, who.memberId)
    whoCond = sql`${members.id} = ${who.memberId}`
    meetingWithin = m.orgPath as OrgPath
  } else {
    meetingWithin = await withinOf(db, scope, who.orgId)
    whoCond = pathInSubtree(orgs.path, meetingWithin)
  }
  const memberCond = sql`${orgRowInScope(scope)} and ${whoCond}`
  const basis = basisOf(policy)
  const ix = educationStudyIndex
  const fresh = sql`(i.member_id is not null and i.basis = ${basis} and i.stamp = coalesce(st.stamp, 0))`
  // A member who sat in study meetings of other organizations (moved since) is computed afresh on every read,
  // with the subtree's meetings only: they are few, and a per-row check of those organizations' paths made the
  // planner cost the statement per member (and JIT-compile it).
  const inWho = sql`(i.foreign_orgs is null)`
  const sums = sql.raw(
    Array.from({ length: 24 }, (_, j) => `coalesce(sum(v.months[${j + 1}]), 0)`).join(", "),
  )
  const stored = rowsOf<StoredRow>(
    await db.execute(sql`
      with v as materialized (
        select ${members.id} as id, ${fresh} as fresh, ${inWho} as inw, i.present, i.class_tenths, i.meeting_tenths,
            i.online_tenths, i.class_person_times, i.central, i.months
          from ${members} join ${orgs} on ${orgs.id} = ${members.orgId}
          left join ${educationStudyStamps} as st on st.member_id = ${members.id}
          left join ${ix} as i on i.member_id = ${members.id} and i.year = ${year}
          where ${memberCond})
      select 'm' as k, v.id, v.class_tenths as class_t, v.meeting_tenths as meeting_t, v.online_tenths as online_t,
          v.class_person_times as class_n, v.central, null::int[] as months
        from v where v.fresh and v.inw and v.present
      union all
      select (case when v.fresh then 'x' else 's' end), v.id, null, null, null, null, null, null
        from v where not (v.fresh and v.inw)
      union all
      select 'n', null, null, null, null, null, null, array[${sums}]::int[] from v where v.fresh and v.inw`),
  )
  const out = new Map<string, MemberStudyHours>()
  const dayOf = dayParser()
  const byMonth = emptyMonths()
  const stale: string[] = []
  const outside: string[] = []
  const arrayOf = (v: string[] | string | null): string[] =>
    v === null ? [] : Array.isArray(v) ? v : v === "{}" ? [] : v.slice(1, -1).split(",")
  for (const r of stored) {
    if (r.k === "n") {
      const ms = arrayOf(r.months as string[] | string | null).map(Number)
      for (let j = 0; j < 12; j++) {
        const month = byMonth[j]
        if (month === undefined) continue
        month.tenths += ms[j] ?? 0
        month.personTimes += ms[j + 12] ?? 0
      }
      continue
    }
    if (r.id === null) continue
    if (r.k === "s") stale.push(r.id)
    else if (r.k === "x") outside.push(r.id)
    else {
      const c = Number(r.class_t)
      const mt = Number(r.meeting_t)
      const o = Number(r.online_t)
      out.set(r.id, {
        memberId: r.id,
        tenths: c + mt + o,
        bySource: { class: c, meeting: mt, online: o },
        classPersonTimes: Number(r.class_n),
        centralizedDates: arrayOf(r.central).map(dayOf),
      })
    }
  }
  let crowdedEntries = 0
  const add = (c: Computed) => {
    if (!c.present) return
    out.set(c.memberId, {
      memberId: c.memberId,
      tenths: c.tenths,
      bySource: c.bySource,
      classPersonTimes: c.classPersonTimes,
      centralizedDates: c.centralizedDates,
    })
    for (let j = 0; j < 12; j++) {
      const month = byMonth[j]
      if (month === undefined) continue
      month.tenths += c.months[j] ?? 0
      month.personTimes += c.months[j + 12] ?? 0
    }
  }
  // A list of members as one parameter (`inUuids`): the planner reads them through members' key instead of
  // testing a range of ids against the index (an anti-join whose cost, planned while the index was still being
  // filled, grew with every pass: 7.5, 47 and 81 s for the 25,000-member passes of a committee's first read at
  // the province).
  const ids = (list: readonly string[]) => inUuids(members.id, list)
  if (stale.length > 0) {
    // Stale or missing rows: computed with every meeting the member sat in, and stored. The first read of a
    // province's year (a million stale members) held every member's entries at once and ran out of memory:
    // beyond `byIdUpTo` members, `passSize` at a time, in id order (neighbours in members' key).
    const batches: SQL[] = []
    if (stale.length > byIdUpTo) {
      const sorted = [...stale].sort()
      for (let i = 0; i < sorted.length; i += passSize)
        batches.push(sql`${memberCond} and ${ids(sorted.slice(i, i + passSize))}`)
    } else batches.push(sql`${memberCond} and ${ids(stale)}`)
    for (const cond of batches) {
      const computed = await computeStudyHours(db, cond, null, year, policy)
      crowdedEntries += computed.crowdedEntries
      await storeStudyHours(db, year, basis, computed.members.values())
      for (const c of computed.members.values()) {
        if (c.foreignOrgs === null) add(c)
        else outside.push(c.memberId)
      }
    }
  }
  // Members who sat in meetings of other organizations: the subtree's meetings only, not stored.
  for (let i = 0; i < outside.length; i += byIdUpTo) {
    const computed = await computeStudyHours(
      db,
      sql`${memberCond} and ${ids(outside.slice(i, i + byIdUpTo))}`,
      meetingWithin,
      year,
      policy,
    )
    crowdedEntries += computed.crowdedEntries
    for (const c of computed.members.values()) add(c)
  }
  return { members: out, byMonth, crowdedEntries, recomputed: stale.length + outside.length }
}

/**
 * "YYYY-MM-DD" → PlainDate, each distinct day parsed once per read: a province's members share a few hundred
 * session days, and parsing each of their centralized days anew cost seconds (PlainDate is immutable, so one
 * instance serves every member).
 */
const dayParser = () => {
  const days = new Map<string, PlainDate>()
  return (d: string): PlainDate => {
    let p = days.get(d)
    if (p === undefined) {
      p = Temporal.PlainDate.from(d)
      days.set(d, p)
    }
    return p
  }
}

const emptyMonths = () => Array.from({ length: 12 }, (_, i) => ({ month: i + 1, tenths: 0, personTimes: 0 }))
