import type { Period, PeriodEnd, PlainDate } from "@xianfeng/core"
import { isOnOrBefore, isWithin, periodEnd } from "./internal/days.js"
import type { MemberRef, SanctionKind } from "./steps.js"

/**
 * Effect periods of sanctions (DISC Arts 9–12, via the reference [S]): warning 1 year, serious warning 1.5
 * years, removal from party post 2 years. 留党察看 lasts until rights are restored.
 */
export const sanctionEffectPeriods: Readonly<Record<Exclude<SanctionKind, "party-probation">, Period>> = {
  warning: { years: 1 },
  "serious-warning": { years: 1, months: 6 },
  "removal-from-post": { years: 2 },
}

export type IntroducerStanding =
  | { readonly kind: "eligible" }
  /** 不能: not a full member, or under 留党察看 not yet restored (DR 14). */
  | { readonly kind: "cannot"; readonly reason: "not-full-member" | "party-probation" }
  /** 不宜: within a sanction's effect period (DR 14). */
  | { readonly kind: "should-not"; readonly sanction: SanctionKind; readonly until: PlainDate }

/** May this member introduce someone on `on`? */
export const introducerStanding = (
  m: MemberRef,
  on: PlainDate,
  convention: PeriodEnd,
): IntroducerStanding => {
  if (m.status !== "full" || (m.fullMemberSince !== undefined && !isOnOrBefore(m.fullMemberSince, on)))
    return { kind: "cannot", reason: "not-full-member" }
  for (const s of m.sanctions) {
    if (s.kind === "party-probation") {
      if (isOnOrBefore(s.imposedOn, on) && (s.restoredOn === undefined || !isOnOrBefore(s.restoredOn, on)))
        return { kind: "cannot", reason: "party-probation" }
    }
  }
  for (const s of m.sanctions) {
    if (s.kind === "party-probation") continue
    const period = sanctionEffectPeriods[s.kind]
    if (isOnOrBefore(s.imposedOn, on) && isWithin(s.imposedOn, on, period, convention)) {
      return { kind: "should-not", sanction: s.kind, until: periodEnd(s.imposedOn, period, convention) }
    }
  }
  return { kind: "eligible" }
}
