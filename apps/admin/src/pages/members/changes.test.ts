import { describe, expect, it } from "vitest"
import type { MemberDetail } from "../../api/types"
import { memberChanges } from "./changes"

const member: MemberDetail = {
  id: "0b8a5e1c-1111-4222-8333-444455556666",
  name: "张三",
  sex: "male",
  birthDate: "1980-01-01",
  ethnicity: "01",
  education: "21",
  occupationGroup: "farmer",
  stage: "full",
  status: "normal",
  orgId: "b0001",
  orgName: "石埠村党支部",
  idNumberMasked: "330***********1234",
  phone: "13800000000",
  appliedOn: null,
  activistOn: null,
  developmentObjectOn: null,
  admittedOn: null,
  fullMemberOn: null,
  version: 3,
}
const same = {
  name: member.name,
  phone: member.phone,
  education: member.education,
  occupationGroup: member.occupationGroup,
  status: member.status,
}

describe("member edits", () => {
  it("sends nothing when nothing changed, even if whitespace was typed around a name", () => {
    expect(memberChanges(member, { ...same, name: " 张三 " })).toEqual({})
  })

  it("sends only the changed fields", () => {
    expect(memberChanges(member, { ...same, education: "22", status: "suspended" })).toEqual({
      education: "22",
      status: "suspended",
    })
  })

  it("clearing the phone removes it", () => {
    expect(memberChanges(member, { ...same, phone: "  " })).toEqual({ phone: null })
    expect(memberChanges({ ...member, phone: null }, { ...same, phone: null })).toEqual({})
  })
})
