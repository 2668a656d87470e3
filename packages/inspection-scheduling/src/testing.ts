/**
 * Example data for the tests of this package and of everything above it (db, API, demo, browser tests): one
 * source, seeded, never exported from `.`. Uses core's one seeded PRNG.
 */
import { date, daysBetween, isAfter, minDate, type PlainDate } from "@xianfeng/core"
import { int, mulberry32 } from "@xianfeng/core/testing"
import { periodsBetween } from "./calendar-period.js"
import type { Sitting } from "./compliance.js"
import type { DrawCandidate } from "./draw.js"
import type { MeetingRecord } from "./meeting.js"
import { type ObligationId, type OrgShape, obligationsOf } from "./obligations.js"
import { type DisciplinePolicy, nationalPolicy } from "./policy.js"
import type { Finding } from "./rectification.js"

/** A branch of 7 or more full members with a committee and party groups: every obligation applies. */
export const exampleBranch: OrgShape = { kind: "branch", hasCommittee: true, hasGroups: true }

/** A meeting record every check accepts: a general meeting that is also the theme party day and a party lecture. */
export const exampleMeeting = (asOf: PlainDate = date("2026-11-30")): MeetingRecord => ({
  orgId: "b1",
  types: ["general-meeting", "theme-day", "party-lecture"],
  date: asOf.subtract({ days: 3 }),
  startTime: "14:30",
  endTime: "16:30",
  place: "党员活动室",
  chair: "支部书记",
  recorder: "组织委员",
  expected: { full: 9, probationary: 1 },
  present: { full: 8, probationary: 1 },
  absentees: [{ memberId: "m9", reason: "出差" }],
  observers: ["街道党工委组织委员"],
  firstItem: { topic: "学习习近平总书记最新重要讲话精神", form: "集中学习" },
  agenda: ["第一议题学习", "讲党课", "讨论年度工作"],
  resolutions: [{ text: "开展结对帮扶", owner: "支部书记", deadline: asOf.add({ days: 30 }) }],
  votes: [
    {
      matter: "ordinary",
      subject: "年度工作计划",
      expectedVoters: 9,
      presentVoters: 8,
      writtenOpinions: 0,
      yesVotes: 8,
      noVotes: 0,
      abstentions: 0,
    },
  ],
})

/**
 * A year of sittings of a branch up to `asOf`, the same for the same seed: each monthly, quarterly and yearly
 * obligation is held once in its period, with probability `keep` (so some periods have gaps), on a day drawn
 * within the period (the theme day on its fixed day), the general meeting of a quarter's last month doubling
 * as that month's theme party day and lecture — one sitting, several obligations.
 */
export const exampleSittings = (
  seed: number,
  asOf: PlainDate,
  options: { readonly keep?: number; readonly policy?: DisciplinePolicy; readonly org?: OrgShape } = {},
): readonly Sitting[] => {
  const rng = mulberry32(seed)
  const keep = options.keep ?? 0.85
  const policy = options.policy ?? nationalPolicy
  const out: Sitting[] = []
  const from = asOf.subtract({ years: 1 }).add({ days: 1 })
  for (const o of obligationsOf(options.org ?? exampleBranch, policy)) {
    if (o.id === "theme-day" || o.id === "party-lecture") continue
    for (const p of periodsBetween(o.cadence, from, asOf)) {
      if (rng() >= keep) continue
      const span = daysBetween(p.start, minDate(p.end, asOf))
      const on = p.start.add({ days: int(rng, 0, Math.max(0, span)) })
      const counts: ObligationId[] = [o.id]
      if (o.id === "general-meeting") counts.push("party-lecture")
      out.push({ id: `${o.id}-${p.key}`, on, counts })
    }
  }
  for (const p of periodsBetween("month", from, asOf)) {
    const on = p.start.with({ day: policy.themeDayOfMonth })
    if (rng() < keep && !isAfter(on, asOf)) out.push({ id: `theme-day-${p.key}`, on, counts: ["theme-day"] })
  }
  return out
}

/** `count` branches under `committees` committees, some inspected recently (for draws). */
export const exampleCandidates = (
  seed: number,
  count: number,
  committees = 3,
  asOf = date("2026-11-30"),
): readonly DrawCandidate[] => {
  const rng = mulberry32(seed)
  return Array.from({ length: count }, (_, i) => {
    const lastChecked = rng() < 0.3 ? asOf.subtract({ days: int(rng, 0, 400) }) : undefined
    const base = { id: `b${String(i + 1).padStart(3, "0")}`, committeeId: `c${(i % committees) + 1}` }
    return lastChecked === undefined ? base : { ...base, lastChecked }
  })
}

/** A finding of a missed theme party day, and its order as issued. */
export const exampleFinding = (asOf: PlainDate = date("2026-11-30")): Finding => ({
  id: "f1",
  orgId: "b1",
  obligation: "theme-day",
  period: "2026-09",
  evidence: "2026年9月无主题党日记录",
  severity: "serious",
  foundOn: asOf,
})
