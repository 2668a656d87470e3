import { maskIdNumber } from "@xianfeng/core"
import type { MemberSummaryRow, ScopedMember } from "@xianfeng/db"
import type { MemberDetail, MemberSummary } from "./contract.js"

/** 13812345678 → 138****5678: phones are shown masked in lists. */
export const maskPhone = (phone: string | null): string | null =>
  phone === null ? null : phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****"

export const iso = (d: { toString(): string } | null): string | null => (d === null ? null : d.toString())

/** A member as a list shows it: ID number and phone masked. */
export const toMemberSummary = (r: MemberSummaryRow): MemberSummary => ({
  id: r.id,
  name: r.name,
  sex: r.sex,
  birthDate: r.birthDate.toString(),
  stage: r.stage,
  orgId: r.orgId,
  orgName: r.orgName,
  // A stored mask is re-masked: nothing unmasked can leave through a list, whatever the column holds.
  idNumberMasked: maskIdNumber(r.idNumberMasked ?? ""),
  phoneMasked: maskPhone(r.phone),
})

/** A member as its own page shows it: the ID number masked, the phone in full, the stage dates. */
export const toMemberDetail = (m: ScopedMember): MemberDetail => {
  const { phoneMasked: _masked, ...summary } = toMemberSummary(m)
  return {
    ...summary,
    phone: m.phone,
    ethnicity: m.ethnicity,
    education: m.education,
    occupationGroup: m.occupationGroup,
    status: m.status,
    appliedOn: iso(m.appliedOn),
    activistOn: iso(m.activistOn),
    developmentObjectOn: iso(m.developmentObjectOn),
    admittedOn: iso(m.admittedOn),
    fullMemberOn: iso(m.fullMemberOn),
    version: m.version,
  }
}
