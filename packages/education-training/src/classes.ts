import { type FieldError, fieldError, type PlainDate, Temporal } from "@xianfeng/core"
import type { CadrePost } from "./minimums.js"
import type { EducationPolicy } from "./policy.js"

/** Member categories a class may be for (培训对象类别). */
export const memberCategories = [
  /** 新当选的村（社区）“两委”成员 */
  "new-two-committees",
  /** 新党员 (admitted within the last two years) */
  "new-member",
  /** 发展对象 */
  "development-object",
] as const
export type MemberCategory = (typeof memberCategories)[number]

/**
 * Who a class is for (培训对象): the members of an organization's subtree, the holders of a post (anywhere in
 * the organizer's subtree), a member category, or a list named at enrolment.
 */
export type Audience =
  | { readonly kind: "subtree"; readonly orgPath: string }
  | { readonly kind: "post"; readonly post: CadrePost }
  | { readonly kind: "category"; readonly category: MemberCategory }
  | { readonly kind: "list" }

/** What the audience check needs of a member. */
export interface AudienceMember {
  readonly orgPath: string
  readonly posts: readonly CadrePost[]
  readonly categories: readonly MemberCategory[]
}

/** An org path lies in the subtree of `root` (paths are dot-separated ids, as in the organization tree). */
const inSubtree = (path: string, root: string) => path === root || path.startsWith(`${root}.`)

/**
 * Whether a member may be enrolled in a class organized by the organization at `organizerPath` for `audience`:
 * always within the organizer's subtree, and then by the audience's own condition (a `list` class takes anyone
 * of the subtree).
 */
export const audienceAdmits = (organizerPath: string, audience: Audience, m: AudienceMember): boolean => {
  if (!inSubtree(m.orgPath, organizerPath)) return false
  switch (audience.kind) {
    case "subtree":
      return inSubtree(m.orgPath, audience.orgPath)
    case "post":
      return m.posts.includes(audience.post)
    case "category":
      return m.categories.includes(audience.category)
    case "list":
      return true
  }
}

/** A session (一次课) of a class: a day, a time span and its class hours in tenths. */
export interface SessionInput {
  readonly id?: string
  readonly on: PlainDate
  /** Minutes after midnight. */
  readonly start: number
  /** Minutes after midnight, exclusive. */
  readonly end: number
  readonly tenths: number
}

/**
 * Field errors of a new session (`field` prefixed by `prefix`, e.g. `sessions[2]`): `end` after `start` within
 * the day; `hours` above 0 and at most `maxSessionHours`, and not more class hours than its length holds
 * (`minutesPerClassHour` each); `start` not overlapping another session of the same class on that day (sessions
 * overlap when one starts before the other ends).
 */
export const validateSession = (
  s: SessionInput,
  others: readonly SessionInput[],
  policy: EducationPolicy,
  prefix = "",
): readonly FieldError[] => {
  const f = (name: string) => (prefix === "" ? name : `${prefix}.${name}`)
  const errors: FieldError[] = []
  if (!(s.end > s.start) || s.start < 0 || s.end > 1440)
    errors.push(
      fieldError(
        f("end"),
        "order",
        "the session must end after it starts, the same day",
        "结束时间须晚于开始时间且在当天",
      ),
    )
  if (!(s.tenths > 0) || s.tenths > policy.maxSessionHours * 10)
    errors.push(
      fieldError(
        f("hours"),
        "range",
        `class hours must be above 0 and at most ${policy.maxSessionHours}`,
        `学时须大于0且不超过${policy.maxSessionHours}`,
      ),
    )
  else if (s.end > s.start && s.tenths * policy.minutesPerClassHour > (s.end - s.start) * 10)
    errors.push(
      fieldError(
        f("hours"),
        "longer-than-session",
        `the session's length holds at most ${Math.floor(((s.end - s.start) * 10) / policy.minutesPerClassHour) / 10} class hours`,
        `该时段最多折合${Math.floor(((s.end - s.start) * 10) / policy.minutesPerClassHour) / 10}学时`,
      ),
    )
  const clash = others.find(
    (o) =>
      o !== s &&
      (s.id === undefined || o.id !== s.id) &&
      o.on.equals(s.on) &&
      o.start < s.end &&
      s.start < o.end,
  )
  if (clash !== undefined)
    errors.push(
      fieldError(
        f("start"),
        "overlap",
        "the session overlaps another session of the class",
        "与本班另一次课时间重叠",
      ),
    )
  return errors
}

/** One attendance row of a class session. */
export interface AttendanceRow {
  readonly sessionId: string
  readonly memberId: string
  readonly orgId: string
  readonly present: boolean
}

/**
 * 人次 (person-times): each present attendance row is one person-time — a member at two sessions is two. Returns
 * the total and the count per organization of the member.
 */
export const personTimes = (
  rows: readonly AttendanceRow[],
): { readonly total: number; readonly byOrg: ReadonlyMap<string, number> } => {
  const byOrg = new Map<string, number>()
  let total = 0
  for (const r of rows) {
    if (!r.present) continue
    total += 1
    byOrg.set(r.orgId, (byOrg.get(r.orgId) ?? 0) + 1)
  }
  return { total, byOrg }
}

/** Where a class stands (班次状态): not started, in progress, its sessions all held but not yet closed, closed. */
export const classStatuses = ["upcoming", "in-progress", "sessions-over", "closed"] as const
export type ClassStatus = (typeof classStatuses)[number]

/**
 * A class's status as of `asOf`, derived from its sessions and its closing (结业), never stored: `closed` once
 * closed; `upcoming` when it has no session or none before or on `asOf`; `sessions-over` when every session lies
 * before `asOf` (held, awaiting its closing); otherwise `in-progress`.
 */
export const classStatus = (
  sessions: readonly { readonly on: PlainDate }[],
  closed: boolean,
  asOf: PlainDate,
): ClassStatus => {
  if (closed) return "closed"
  if (sessions.length === 0 || sessions.every((s) => Temporal.PlainDate.compare(s.on, asOf) > 0))
    return "upcoming"
  if (sessions.every((s) => Temporal.PlainDate.compare(s.on, asOf) < 0)) return "sessions-over"
  return "in-progress"
}
