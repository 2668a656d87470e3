import type { PlainDate, Verdict } from "@xianfeng/core"
import { isAfter, isBefore, verdict } from "@xianfeng/core"
import { local } from "./citations.js"
import type { MeetingFacts } from "./hours.js"
import type { EducationPolicy, MeetingKind } from "./policy.js"

/** One line of the 第一议题 ledger (第一议题学习台账): what was studied first, how, when, where. */
export interface FirstItemLine {
  readonly meetingId: string
  readonly orgId: string
  readonly on: PlainDate
  readonly kinds: readonly string[]
  readonly topic: string
  readonly form: string
}

/** The ledger: every meeting that opened with a 第一议题, oldest first. */
export const firstItemLedger = (meetings: readonly MeetingFacts[]): readonly FirstItemLine[] =>
  meetings
    .filter((m) => m.firstItem !== null && m.firstItem.topic.trim() !== "")
    .map((m) => ({
      meetingId: m.id,
      orgId: m.orgId,
      on: m.on,
      kinds: m.kinds,
      topic: m.firstItem?.topic ?? "",
      form: m.firstItem?.form ?? "",
    }))
    .sort((a, b) =>
      isBefore(a.on, b.on) ? -1 : isAfter(a.on, b.on) ? 1 : a.meetingId < b.meetingId ? -1 : 1,
    )

/** One organization's 第一议题 compliance in a period. */
export interface FirstItemCompliance {
  readonly orgId: string
  /** Meetings of a kind that must open with it. */
  readonly required: number
  /** Of those, how many did. */
  readonly opened: number
  /** The required meetings that did not. */
  readonly missing: readonly string[]
  readonly verdict: Verdict
}

/**
 * `FIRST-ITEM` (local practice [P]): every meeting of a kind in `firstItemMeetingKinds` opens with 第一议题.
 * Per organization of `orgIds`: `ok` when every required meeting dated `from`…`to` did (or there was none),
 * else `warning` naming how many did not.
 */
export const firstItemCompliance = (
  orgIds: readonly string[],
  meetings: readonly MeetingFacts[],
  from: PlainDate,
  to: PlainDate,
  policy: EducationPolicy,
): readonly FirstItemCompliance[] => {
  const required = (m: MeetingFacts) =>
    m.kinds.some((k) => policy.firstItemMeetingKinds.includes(k as MeetingKind))
  // The required meetings of the period by organization, in one pass: filtering every meeting for each
  // organization cost organizations × meetings (2,181 × tens of thousands at a province's committee).
  const byOrg = new Map<string, MeetingFacts[]>()
  for (const m of meetings) {
    if (!required(m) || isBefore(m.on, from) || isAfter(m.on, to)) continue
    const list = byOrg.get(m.orgId)
    if (list === undefined) byOrg.set(m.orgId, [m])
    else list.push(m)
  }
  return orgIds.map((orgId) => {
    const mine = byOrg.get(orgId) ?? []
    const missing = mine
      .filter((m) => m.firstItem === null || m.firstItem.topic.trim() === "")
      .map((m) => m.id)
    const opened = mine.length - missing.length
    return {
      orgId,
      required: mine.length,
      opened,
      missing,
      verdict:
        missing.length === 0
          ? verdict("ok", "FIRST-ITEM.ok", [local()], { required: mine.length })
          : verdict("warning", "FIRST-ITEM.missing", [local()], {
              missing: missing.length,
              required: mine.length,
            }),
    }
  })
}
