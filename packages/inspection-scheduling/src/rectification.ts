import { type FieldError, fieldError, isAfter, isBefore, type PlainDate } from "@xianfeng/core"
import { Result, Schema } from "effect"
import type { ObligationStatus } from "./compliance.js"
import type { ObligationId } from "./obligations.js"
import type { DisciplinePolicy } from "./policy.js"

// 问题整改: an inspection's finding names the obligation it concerns and what was seen; a rectification order
// gives it an owner and a deadline by severity (district policy, [P]); it closes only when someone other than
// its owner verifies the evidence submitted; an order past its deadline escalates one level up the tree.
// Rectification after inspection: BR 17 [S] (list problems, fix them one by one); the deadlines are local.

export const severities = ["minor", "serious", "critical"] as const
export type Severity = (typeof severities)[number]

/** What an inspection found. */
export interface Finding {
  readonly id: string
  readonly orgId: string
  readonly obligation: ObligationId
  /** The period concerned (`2026-Q3`, `2026-05`, `2026`). */
  readonly period: string
  /** What was seen: a missing record, a register page, a remark; never empty. */
  readonly evidence: string
  readonly severity: Severity
  readonly foundOn: PlainDate
}

/** A finding must say what was seen; a missed or overdue obligation is the usual one (`complianceOf`). */
export const makeFinding = (f: Finding): Result.Result<Finding, FieldError> =>
  f.evidence.trim() === ""
    ? Result.fail(
        fieldError("evidence", "required", "a finding must state its evidence", "发现的问题须写明依据"),
      )
    : Result.succeed(f)

/** The statuses a finding is usually drawn from. */
export const findingStatuses: readonly ObligationStatus[] = ["overdue", "missed"]

export interface OrderEvidence {
  readonly on: PlainDate
  readonly by: string
  readonly text: string
}

/**
 * - `open`: issued (or returned by the verifier), awaiting evidence;
 * - `submitted`: evidence in, awaiting verification;
 * - `closed`: a verifier accepted the evidence. Only `verify` reaches it.
 */
export type OrderState = "open" | "submitted" | "closed"

export interface RectificationOrder {
  readonly id: string
  readonly findingId: string
  readonly orgId: string
  /** Who must rectify (a person's id or name). */
  readonly owner: string
  readonly issuedOn: PlainDate
  readonly deadline: PlainDate
  readonly state: OrderState
  readonly evidence: readonly OrderEvidence[]
  /** Organizations above the order's, nearest first: where an overdue order goes next. */
  readonly escalationPath: readonly string[]
  /** Each escalation: when and to whom. The last one's `to` follows the order up. */
  readonly escalations: readonly { readonly on: PlainDate; readonly to: string }[]
  /** Each time a verifier sent the evidence back. */
  readonly returns: readonly { readonly on: PlainDate; readonly by: string; readonly reason: string }[]
  readonly closed?: { readonly on: PlainDate; readonly by: string }
}

export const refusalReasons = [
  "closed",
  "empty-evidence",
  "before-issue",
  "not-submitted",
  "verifier-is-owner",
  "reason-required",
  "not-overdue",
  "top-reached",
] as const
export type RefusalReason = (typeof refusalReasons)[number]

/** Why an order cannot take a step; the message catalog renders `RECTIFY.<reason>`. */
export class OrderRefused extends Schema.TaggedError<OrderRefused>()("OrderRefused", {
  reason: Schema.Literals(refusalReasons),
  orderId: Schema.String,
}) {
  get code(): string {
    return `RECTIFY.${this.reason}`
  }
}

const refuse = (order: RectificationOrder, reason: RefusalReason) =>
  Result.fail(new OrderRefused({ reason, orderId: order.id }))

/** Issues an order for a finding; its deadline is `rectificationDays[severity]` days after `issuedOn`. */
export const issueOrder = (
  input: {
    readonly id: string
    readonly finding: Finding
    readonly owner: string
    readonly issuedOn: PlainDate
    readonly escalationPath: readonly string[]
  },
  policy: DisciplinePolicy,
): RectificationOrder => ({
  id: input.id,
  findingId: input.finding.id,
  orgId: input.finding.orgId,
  owner: input.owner,
  issuedOn: input.issuedOn,
  deadline: input.issuedOn.add({ days: policy.rectificationDays[input.finding.severity] }),
  state: "open",
  evidence: [],
  escalationPath: input.escalationPath,
  escalations: [],
  returns: [],
})

/** The owner submits evidence of the rectification. Refused on a closed order, empty text or a date before issue. */
export const submitEvidence = (
  order: RectificationOrder,
  evidence: OrderEvidence,
): Result.Result<RectificationOrder, OrderRefused> => {
  if (order.state === "closed") return refuse(order, "closed")
  if (evidence.text.trim() === "") return refuse(order, "empty-evidence")
  if (isBefore(evidence.on, order.issuedOn)) return refuse(order, "before-issue")
  return Result.succeed({ ...order, state: "submitted", evidence: [...order.evidence, evidence] })
}

/**
 * A verifier judges the submitted evidence: `accept` closes the order; otherwise it goes back to `open` with
 * the reason. Refused unless evidence is waiting (`not-submitted`), when the verifier is the owner, and when a
 * return gives no reason. No other step closes an order.
 */
export const verifyOrder = (
  order: RectificationOrder,
  decision: {
    readonly on: PlainDate
    readonly by: string
    readonly accept: boolean
    readonly reason?: string
  },
): Result.Result<RectificationOrder, OrderRefused> => {
  if (order.state === "closed") return refuse(order, "closed")
  if (order.state !== "submitted") return refuse(order, "not-submitted")
  if (decision.by === order.owner) return refuse(order, "verifier-is-owner")
  if (decision.accept)
    return Result.succeed({ ...order, state: "closed", closed: { on: decision.on, by: decision.by } })
  if ((decision.reason ?? "").trim() === "") return refuse(order, "reason-required")
  return Result.succeed({
    ...order,
    state: "open",
    returns: [...order.returns, { on: decision.on, by: decision.by, reason: decision.reason ?? "" }],
  })
}

/** Not closed and past its deadline on `asOf`. */
export const isOverdue = (order: RectificationOrder, asOf: PlainDate): boolean =>
  order.state !== "closed" && isAfter(asOf, order.deadline)

/**
 * Sends an overdue order to the next organization up its `escalationPath`. Refused on a closed order, before
 * the deadline has passed, and when the top of the path has been reached.
 */
export const escalateOrder = (
  order: RectificationOrder,
  asOf: PlainDate,
): Result.Result<RectificationOrder, OrderRefused> => {
  if (order.state === "closed") return refuse(order, "closed")
  if (!isOverdue(order, asOf)) return refuse(order, "not-overdue")
  const to = order.escalationPath[order.escalations.length]
  if (to === undefined) return refuse(order, "top-reached")
  return Result.succeed({ ...order, escalations: [...order.escalations, { on: asOf, to }] })
}

/** The organization now following the order: the last it was escalated to, else its own. */
export const followedBy = (order: RectificationOrder): string => order.escalations.at(-1)?.to ?? order.orgId
