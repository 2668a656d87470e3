import { maskIdNumber } from "@xianfeng/core"
import { members, orgs } from "@xianfeng/db"
import { sql } from "drizzle-orm"

/** 13812345678 → 138****5678: phones are shown masked in lists. */
export const maskPhone = (phone: string | null): string | null =>
  phone === null ? null : phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****"

export const iso = (d: { toString(): string } | null): string | null => (d === null ? null : d.toString())

/** The columns of a member summary; the full ID number is never selected for a list. */
export const memberSummaryColumns = {
  id: members.id,
  name: members.name,
  sex: members.sex,
  birthDate: members.birthDate,
  stage: members.stage,
  orgId: members.orgId,
  orgName: orgs.name,
  idNumberMasked: members.idNumberMasked,
  phone: members.phone,
}

export const toMemberSummary = (r: {
  id: string
  name: string
  sex: "male" | "female"
  birthDate: { toString(): string }
  stage: "applicant" | "activist" | "development-object" | "probationary" | "full"
  orgId: string
  orgName: string
  idNumberMasked: string | null
  phone: string | null
}) => ({
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

// Correlated subqueries name the outer table explicitly: drizzle renders a bare column inside sql``
// unqualified, which would bind to the inner table instead.
const outerId = sql.raw(`"orgs"."id"`)
const outerPath = sql.raw(`"orgs"."path"`)

export const orgColumns = {
  id: orgs.id,
  name: orgs.name,
  kind: orgs.kind,
  parentId: orgs.parentId,
  path: orgs.path,
  version: orgs.version,
  childCount: sql<number>`(select count(*)::int from ${orgs} c where c.parent_id = ${outerId})`.mapWith(
    Number,
  ),
  memberCount: sql<number>`(select count(*)::int from ${members} m join ${orgs} mo on mo.id = m.org_id
    where mo.path = ${outerPath} or (mo.path ~>=~ (${outerPath} || '.') and mo.path ~<~ (${outerPath} || '/')))`.mapWith(
    Number,
  ),
}
