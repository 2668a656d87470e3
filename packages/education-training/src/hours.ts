import type { PlainDate } from "@xianfeng/core"
import type { EducationPolicy, MeetingKind, StudySource } from "./policy.js"

/**
 * One piece of study time of one member (学时记录), from any source: a class session attended, a meeting that
 * counts as study, or online learning entered or imported. Hours are in tenths of a class hour (学时 × 10,
 * integers, so sums are exact); times are minutes after midnight, `end` exclusive.
 */
export interface StudyEntry {
  readonly memberId: string
  readonly source: StudySource
  /** The source's own id (the session, the meeting, the online record): one entry per member and ref. */
  readonly ref: string
  readonly on: PlainDate
  /** Minutes after midnight the study began, 0–1439; absent when only the length is known (an import). */
  readonly start?: number
  /** Minutes after midnight it ended, exclusive, > start, ≤ 1440. */
  readonly end?: number
  /** Declared class hours × 10. */
  readonly tenths: number
  /** A centralized training session (集中培训), as a class session of a training class is. */
  readonly centralized: boolean
}

/** An entry with what it is credited after overlaps are taken out. */
export interface CreditedEntry extends StudyEntry {
  /** Tenths of a class hour this entry adds to the member's year (≤ `tenths`). */
  readonly credited: number
}

const dayMinutes = 1440

/** Minutes of [start, end) not already in `covered` (disjoint, sorted intervals). */
const uncoveredMinutes = (
  covered: readonly (readonly [number, number])[],
  start: number,
  end: number,
): number =>
  covered.reduce((left, [a, b]) => left - Math.max(0, Math.min(b, end) - Math.max(a, start)), end - start)

/** Adds [start, end) to a set of disjoint sorted intervals. */
const cover = (covered: readonly (readonly [number, number])[], start: number, end: number) => {
  const out: [number, number][] = []
  let s = start
  let e = end
  for (const [a, b] of covered) {
    if (b < s || a > e) out.push([a, b])
    else {
      s = Math.min(s, a)
      e = Math.max(e, b)
    }
  }
  out.push([s, e])
  return out.sort((x, y) => x[0] - y[0])
}

/**
 * Credits study entries so that **the same time is never counted twice**. Precisely, for each member:
 * 1. sources the district does not count (`countedSources`) are left out;
 * 2. an entry is identified by (source, ref): a second entry with the same identity adds nothing;
 * 3. per day, timed entries (with `start`/`end`) are taken in priority order — the order of `countedSources`,
 *    then earlier start, then ref — and each minute of the day is credited to the first entry that covers it;
 *    an entry is credited `floor(tenths × its uncovered minutes / its length)`;
 * 4. untimed entries (length only: `tenths × minutesPerClassHour / 10`) are credited, in the same order, only
 *    up to the minutes of that day not yet credited (a day has 1,440 minutes).
 * So the credited minutes of a member's day never exceed its union of studied time, nor 1,440.
 * Returns every counted entry (in the input order) with its `credited` tenths.
 */
export const creditStudy = (
  entries: readonly StudyEntry[],
  policy: EducationPolicy,
): readonly CreditedEntry[] => {
  const rank = new Map(policy.countedSources.map((s, i) => [s, i]))
  const seen = new Set<string>()
  const kept: { readonly entry: StudyEntry; readonly index: number }[] = []
  entries.forEach((entry, index) => {
    if (!rank.has(entry.source)) return
    const key = `${entry.memberId}\u0000${entry.source}\u0000${entry.ref}`
    if (seen.has(key)) return
    seen.add(key)
    kept.push({ entry, index })
  })
  const days = new Map<string, { readonly entry: StudyEntry; readonly index: number }[]>()
  for (const k of kept) {
    const key = `${k.entry.memberId}\u0000${k.entry.on.year * 10_000 + k.entry.on.month * 100 + k.entry.on.day}`
    const list = days.get(key)
    if (list === undefined) days.set(key, [k])
    else list.push(k)
  }
  const credited = new Map<number, number>()
  const order = (a: StudyEntry, b: StudyEntry) =>
    (rank.get(a.source) ?? 0) - (rank.get(b.source) ?? 0) ||
    (a.start ?? dayMinutes) - (b.start ?? dayMinutes) ||
    (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  for (const list of days.values()) {
    const sorted = [...list].sort((a, b) => order(a.entry, b.entry))
    let covered: (readonly [number, number])[] = []
    let used = 0
    for (const { entry, index } of sorted) {
      if (entry.start === undefined || entry.end === undefined) continue
      const start = Math.max(0, entry.start)
      const end = Math.min(dayMinutes, entry.end)
      if (end <= start) {
        credited.set(index, 0)
        continue
      }
      const free = uncoveredMinutes(covered, start, end)
      credited.set(index, Math.floor((entry.tenths * free) / (end - start)))
      covered = cover(covered, start, end)
      used += free
    }
    for (const { entry, index } of sorted) {
      if (entry.start !== undefined && entry.end !== undefined) continue
      const length = Math.ceil((entry.tenths * policy.minutesPerClassHour) / 10)
      const free = Math.max(0, Math.min(length, dayMinutes - used))
      credited.set(index, length === 0 ? 0 : Math.floor((entry.tenths * free) / length))
      used += free
    }
  }
  return kept.map(({ entry, index }) => ({ ...entry, credited: credited.get(index) ?? 0 }))
}

/**
 * Whether `creditStudy` credits `entry` its full `tenths` when it is the only counted entry of its member on its
 * day (nothing else can overlap it): a timed entry that lies inside the day (`0 ≤ start < end ≤ 1440`), or an
 * untimed one whose length (`tenths × minutesPerClassHour / 10` minutes) fits in a day, with `tenths ≥ 0`.
 * A store may sum such entries without the rules (the education statistics do, in SQL) and send every other
 * member-day to `creditStudy`; the result is the same (a property test holds it). Whether the source is counted
 * (`countedSources`) is the caller's to check first.
 */
export const fullWhenAlone = (
  entry: Pick<StudyEntry, "start" | "end" | "tenths">,
  policy: Pick<EducationPolicy, "minutesPerClassHour">,
): boolean =>
  entry.tenths >= 0 &&
  (entry.start === undefined || entry.end === undefined
    ? entry.tenths * policy.minutesPerClassHour <= dayMinutes * 10
    : entry.start >= 0 && entry.end <= dayMinutes && entry.end > entry.start)

/** One member's study in a period: credited tenths in all and per source, and centralized sessions attended. */
export interface StudyTotal {
  readonly memberId: string
  readonly tenths: number
  readonly bySource: Readonly<Record<StudySource, number>>
  readonly centralizedSessions: number
}

/** Sums credited entries per member (members with no entry are absent; callers add zeros). */
export const studyTotals = (credited: readonly CreditedEntry[]): ReadonlyMap<string, StudyTotal> => {
  const out = new Map<
    string,
    { tenths: number; bySource: Record<StudySource, number>; centralized: number }
  >()
  for (const e of credited) {
    let t = out.get(e.memberId)
    if (t === undefined) {
      t = { tenths: 0, bySource: { class: 0, meeting: 0, online: 0 }, centralized: 0 }
      out.set(e.memberId, t)
    }
    t.tenths += e.credited
    t.bySource[e.source] += e.credited
    if (e.centralized && e.credited > 0) t.centralized += 1
  }
  return new Map(
    [...out].map(([memberId, t]) => [
      memberId,
      { memberId, tenths: t.tenths, bySource: t.bySource, centralizedSessions: t.centralized },
    ]),
  )
}

/** A meeting record as this package needs it (discipline's meeting records, passed in as plain data). */
export interface MeetingFacts {
  readonly id: string
  readonly orgId: string
  readonly kinds: readonly string[]
  readonly on: PlainDate
  /** "HH:MM". */
  readonly startTime: string
  /** "HH:MM". */
  readonly endTime: string
  /** 第一议题 as recorded, or null. */
  readonly firstItem: { readonly topic: string; readonly form: string } | null
  /** Members ticked present. */
  readonly presentMemberIds: readonly string[]
}

/** "HH:MM" → minutes after midnight, or undefined when it is not a time. */
export const minutesOf = (hhmm: string): number | undefined => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm)
  return m === null ? undefined : Number(m[1]) * 60 + Number(m[2])
}

/**
 * The study entries meetings give: for a meeting of a kind in `studyMeetingKinds`, every member present is
 * credited its length in class hours (`minutes / minutesPerClassHour`, in tenths, rounded down). A meeting
 * whose times do not read gives nothing. Meetings are not centralized training.
 */
export const meetingStudyEntries = (
  meetings: readonly MeetingFacts[],
  policy: EducationPolicy,
): readonly StudyEntry[] =>
  meetings.flatMap((m) => {
    if (!m.kinds.some((k) => policy.studyMeetingKinds.includes(k as MeetingKind))) return []
    const start = minutesOf(m.startTime)
    const end = minutesOf(m.endTime)
    if (start === undefined || end === undefined || end <= start) return []
    const tenths = Math.floor(((end - start) * 10) / policy.minutesPerClassHour)
    return m.presentMemberIds.map((memberId) => ({
      memberId,
      source: "meeting" as const,
      ref: m.id,
      on: m.on,
      start,
      end,
      tenths,
      centralized: false,
    }))
  })

/** Tenths of a class hour as the number people read (`325` → `32.5`). */
export const hoursOf = (tenths: number): number => tenths / 10
