import { type MemberInput, memberRow, members, orgs, users } from "@xianfeng/db"
import type { DemoContributor } from "../contributor.js"
import type { PlatformMember } from "./members.js"

/** The platform's columns of a member, whatever parts other areas added to it. */
const memberInput = (m: PlatformMember): MemberInput => ({
  id: m.id,
  orgId: m.orgId,
  name: m.name,
  sex: m.sex,
  birthDate: m.birthDate,
  ethnicity: m.ethnicity,
  education: m.education,
  occupationGroup: m.occupationGroup,
  stage: m.stage,
  idNumber: m.idNumber,
  phone: m.phone,
  appliedOn: m.appliedOn,
  activistOn: m.activistOn,
  developmentObjectOn: m.developmentObjectOn,
  admittedOn: m.admittedOn,
  fullMemberOn: m.fullMemberOn,
  status: m.status,
})

/** The platform's part: the organization tree and the demo logins once, then the members batch by batch. */
export const platformContributor: DemoContributor = {
  area: "platform",
  setup: async (tx, district, write) => {
    await tx.insert(orgs).values(district.orgs.map(({ profile: _p, weight: _w, ...o }) => o))
    await tx.insert(users).values(district.users.map((u) => ({ ...u, passwordHash: write.passwordHash })))
  },
  rows: async (tx, batch, write) => {
    await tx.insert(members).values(batch.map((m) => memberRow(write.vault, memberInput(m))))
    return { members: batch.length }
  },
}
