import { daysBetween, type PlainDate } from "@xianfeng/core"
import { hashSeed, int, mulberry32 } from "@xianfeng/core/testing"
import {
  headcountsFromRollCalls,
  loadMeetings,
  type MeetingFields,
  type RollCallRow,
  saveDraw,
  saveFinding,
  saveOrder,
  writeRollCalls,
} from "@xianfeng/db"
import {
  complianceOf,
  drawSample,
  issueOrder,
  nationalPolicy,
  type ObligationId,
  type OrgShape,
  obligationTitles,
  periodContaining,
  previousPeriod,
  type RectificationOrder,
  type Severity,
  type SittingType,
  sittingTypes,
  submitEvidence,
  verifyOrder,
} from "@xianfeng/inspection-scheduling"
import { exampleSittings } from "@xianfeng/inspection-scheduling/testing"
import { Result } from "effect"
import type { DemoContributor } from "../contributor.js"

/** The demo's branches have 7 or more full members (a committee, BR) and record no party groups yet. */
const shape: OrgShape = { kind: "branch", hasCommittee: true, hasGroups: false }

const isSitting = (o: ObligationId): o is SittingType => (sittingTypes as readonly string[]).includes(o)

const orderFields = (o: RectificationOrder) => ({
  findingId: o.findingId,
  orgId: o.orgId,
  owner: o.owner,
  issuedOn: o.issuedOn,
  deadline: o.deadline,
  state: o.state,
  evidence: o.evidence.map((e) => ({ ...e, on: e.on.toString() })),
  escalationPath: o.escalationPath,
  escalations: o.escalations.map((e) => ({ ...e, on: e.on.toString() })),
  returns: o.returns.map((e) => ({ ...e, on: e.on.toString() })),
  closedOn: o.closed?.on ?? null,
  closedBy: o.closed?.by ?? null,
})

/**
 * 组织生活与督查 in the demo district, all relative to the day it is loaded (`asOf`):
 * - a year of sittings for every branch, from the area's seeded example data — each branch keeps between 60% and
 *   95% of its obligations, so the heatmap shows realistic gaps; the general meeting doubles as the quarter's
 *   party lecture (one record, two obligations);
 * - a published draw of the last quarter (seed `<district seed>-<quarter>`), stratified by committee, and one
 *   finding for each drawn branch that missed something;
 * - an order per finding: some closed after verification, some with evidence awaiting verification, some open
 *   and past their deadline.
 */
/** The sittings of the last seven months, by branch, whose roll call the member batches record. */
let recentSittings:
  | { readonly seed: number | string; readonly byBranch: Map<string, { id: string; on: PlainDate }[]> }
  | undefined

/** The roll-call window: the self-lapse alert looks six months back; a month more for the sitting before. */
const ROLL_CALL_MONTHS = 7

/**
 * The roll call (到会情况) of a branch's recent sittings for a batch of members: a member on the roll attends
 * most sittings (about one in ten missed, on leave); about one in eighty attends none of them — with those whose
 * status is not normal — so the standing page shows a few self-lapse alerts, as a real branch might.
 */
const rollCalls = (batch: Parameters<NonNullable<DemoContributor["rows"]>>[1]): RollCallRow[] => {
  const recent = recentSittings
  if (recent === undefined) return []
  const out: RollCallRow[] = []
  for (const m of batch) {
    if (m.stage !== "full" && m.stage !== "probationary") continue
    const sittings = recent.byBranch.get(m.orgId)
    if (sittings === undefined) continue
    const rng = mulberry32(hashSeed(recent.seed, "discipline-roll-call", m.id))
    const away = m.status !== "normal" || hashSeed(recent.seed, "discipline-absent", m.id) % 80 === 0
    for (const s of sittings) {
      if (m.admittedOn !== null && daysBetween(m.admittedOn, s.on) < 0) continue
      const present = !away && rng() >= 0.1
      out.push({ meetingId: s.id, memberId: m.id, present, reason: present || away ? "" : "请假" })
    }
  }
  return out
}

export const disciplineContributor: DemoContributor = {
  area: "discipline",
  rows: async (tx, batch) => ({ disciplineAttendance: await writeRollCalls(tx, rollCalls(batch)) }),
  // The headcounts of a sitting with a roll call are its roll call's (on the roll by stage, present as ticked),
  // so that a demo meeting read and sent back unchanged is accepted; written once every batch's roll call is in.
  finish: async (tx) => ({ disciplineMeetingHeadcounts: await headcountsFromRollCalls(tx) }),
  setup: async (tx, district) => {
    const { asOf } = district
    const branches = district.orgs.filter((o) => o.kind === "branch")
    const root = district.orgs.find((o) => o.parentId === null)
    const recordedAt = new Date(`${asOf.toString()}T00:00:00Z`)
    const sittingsByBranch = new Map<string, ReturnType<typeof exampleSittings>>()
    // Each sitting's id is made here, so the sittings are written in bulk without being read back.
    const meetings: (MeetingFields & { readonly id: string })[] = []
    for (const [i, branch] of branches.entries()) {
      const rng = mulberry32(hashSeed(district.seed, "discipline-meetings", i))
      const keep = 0.6 + int(rng, 0, 35) / 100
      const sittings = exampleSittings(hashSeed(district.seed, "discipline-sittings", i), asOf, {
        keep,
        org: shape,
      })
      sittingsByBranch.set(branch.id, sittings)
      const expectedFull = int(rng, 7, 30)
      const expectedProbationary = int(rng, 0, 2)
      for (const s of sittings) {
        const types = s.counts.filter(isSitting)
        if (types.length === 0) continue
        meetings.push({
          id: crypto.randomUUID(),
          orgId: branch.id,
          types,
          onDate: s.on,
          startTime: "14:30",
          endTime: "16:30",
          place: "党员活动室",
          chair: "支部书记",
          recorder: "组织委员",
          expectedFull,
          expectedProbationary,
          presentFull: expectedFull - int(rng, 0, Math.min(3, expectedFull)),
          presentProbationary: expectedProbationary,
          observers: [],
          firstItem: { topic: "学习习近平总书记最新重要讲话精神", form: "集中学习" },
          agenda: ["第一议题学习", "研究支部工作"],
          resolutions: [],
          votes: [],
          attendance: [],
          recordedBy: null,
          recordedAt,
        })
      }
    }
    await loadMeetings(tx, meetings)
    const windowStart = asOf.subtract({ months: ROLL_CALL_MONTHS })
    const byBranch = new Map<string, { id: string; on: PlainDate }[]>()
    for (const w of meetings) {
      if (daysBetween(windowStart, w.onDate) < 0 || daysBetween(w.onDate, asOf) < 0) continue
      byBranch.set(w.orgId, [...(byBranch.get(w.orgId) ?? []), { id: w.id, on: w.onDate }])
    }
    recentSittings = { seed: district.seed, byBranch }
    if (root === undefined || branches.length === 0) return

    // The last quarter's spot check, drawn a fortnight into this quarter.
    const scope = { orgId: root.id, orgPath: root.path }
    const quarter = previousPeriod(periodContaining("quarter", asOf))
    const drawnOn: PlainDate = periodContaining("quarter", asOf).start.add({ days: 14 })
    const on = daysBetween(drawnOn, asOf) >= 0 ? drawnOn : asOf
    const candidates = branches.map((b) =>
      b.parentId ? { id: b.id, committeeId: b.parentId } : { id: b.id },
    )
    const seed = `${district.seed}-${quarter.key}`
    const result = drawSample(candidates, {
      seed,
      size: Math.min(12, branches.length),
      stratify: true,
      asOf: on,
    })
    const draw = await saveDraw(tx, scope, {
      orgId: root.id,
      title: `${quarter.key}组织生活随机抽查`,
      seed,
      algorithm: result.algorithm,
      size: Math.min(12, branches.length),
      stratify: true,
      exclude: null,
      candidates,
      sample: result.sample,
      excluded: result.excluded,
      drawnOn: on,
      recordedBy: null,
      recordedAt,
    })
    const severities: readonly Severity[] = ["minor", "serious", "critical"]
    for (const [k, orgId] of result.sample.entries()) {
      const missed = complianceOf({
        org: shape,
        sittings: sittingsByBranch.get(orgId) ?? [],
        from: quarter.start,
        to: quarter.end,
        asOf: on,
        policy: nationalPolicy,
      }).find((p) => p.status === "missed" && isSitting(p.obligation))
      if (missed === undefined) continue
      const severity = severities[k % 3] ?? "minor"
      const finding = await saveFinding(tx, scope, {
        drawId: draw.id,
        orgId,
        obligation: missed.obligation,
        period: missed.period.key,
        evidence: `${missed.period.key}无${obligationTitles[missed.obligation]["zh-CN"]}记录`,
        severity,
        foundOn: on,
        recordedBy: null,
        recordedAt,
      })
      const org = district.orgById.get(orgId)
      let order = issueOrder(
        {
          id: "",
          finding: { ...finding, obligation: missed.obligation, severity },
          owner: "支部书记",
          issuedOn: on,
          escalationPath: (org?.path ?? "").split(".").reverse().slice(1),
        },
        nationalPolicy,
      )
      // A third closed after verification, a third awaiting verification, a third left open (overdue in time).
      if (k % 3 !== 2) {
        order = Result.getOrThrow(submitEvidence(order, { on, by: "支部书记", text: "已补开并整改到位" }))
      }
      if (k % 3 === 0) order = Result.getOrThrow(verifyOrder(order, { on, by: "督查组", accept: true }))
      await saveOrder(tx, scope, orderFields(order))
    }
  },
}
