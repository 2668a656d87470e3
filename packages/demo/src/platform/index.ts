import { type MemberInput, writeMembers, writeOrgTree, writeUsers } from "@xianfeng/db"
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
    await writeOrgTree(
      tx,
      district.orgs.map(({ profile: _p, weight: _w, ...o }) => o),
    )
    await writeUsers(
      tx,
      district.users.map((u) => ({ ...u, passwordHash: write.passwordHash })),
    )
  },
  rows: async (tx, batch, write) => {
    return { members: await writeMembers(tx, write.vault, batch.map(memberInput)) }
  },
}
