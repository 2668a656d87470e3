import { Result, Schema, SchemaIssue } from "effect"
import { describe, expect, it } from "vitest"
import {
  BILINGUAL_SEPARATOR,
  IsoDate,
  IsoDateToPlainDate,
  MemberStage,
  memberStages,
  OrgKind,
  orgKinds,
  Sex,
  staffRoles,
  UserRole,
  userRoles,
} from "../src/index.js"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** The issues of decoding `{ joinedOn: input }`, as the API's validator sees them. */
const issuesOf = (input: unknown) => {
  const r = Schema.decodeUnknownResult(Schema.Struct({ joinedOn: IsoDate }))(
    { joinedOn: input },
    { errors: "all" },
  )
  return Result.isFailure(r) ? formatter(r.failure.issue).issues : []
}

describe("IsoDate (YYYY-MM-DD, a date that exists)", () => {
  it.each(["2026-05-11", "2028-02-29", "2000-02-29", "0001-01-01"])("accepts %s", (s) => {
    expect(issuesOf(s)).toEqual([])
  })

  it.each(["2027-02-30", "2026-13-01", "0000-00-00", "2026-04-31", "1900-02-29"])(
    "refuses %s, a date that does not exist, naming the field",
    (s) => {
      const issues = issuesOf(s)
      expect(issues).toHaveLength(1)
      expect(issues[0]?.path).toEqual(["joinedOn"])
      expect(issues[0]?.message).toBe(
        `日历上没有${s}这一天${BILINGUAL_SEPARATOR}there is no such day as ${s}`,
      )
    },
  )

  it.each(["2026-5-11", "20260511", "2026-05-11T00:00", "", "二〇二六年五月十一日"])(
    "refuses the malformed %j once, naming the field",
    (s) => {
      const issues = issuesOf(s)
      expect(issues).toHaveLength(1)
      expect(issues[0]?.path).toEqual(["joinedOn"])
    },
  )

  it("decodes to a PlainDate and encodes back", () => {
    const d = Schema.decodeUnknownSync(IsoDateToPlainDate)("2026-02-28")
    expect(d.add({ days: 1 }).toString()).toBe("2026-03-01")
    expect(Schema.encodeSync(IsoDateToPlainDate)(d)).toBe("2026-02-28")
    expect(Result.isFailure(Schema.decodeUnknownResult(IsoDateToPlainDate)("2026-02-29"))).toBe(true)
  })
})

describe("the shared literals", () => {
  const accepts = (schema: Schema.Codec<unknown, unknown>, v: unknown) =>
    Result.isSuccess(Schema.decodeUnknownResult(schema)(v))

  it("lists the five stages in the order of the process", () => {
    expect(memberStages).toEqual(["applicant", "activist", "development-object", "probationary", "full"])
    for (const s of memberStages) expect(accepts(MemberStage, s)).toBe(true)
    expect(accepts(MemberStage, "member")).toBe(false)
  })

  it("knows every org kind that has a label, and nothing else", () => {
    expect([...OrgKind.literals].sort()).toEqual(Object.keys(orgKinds).sort())
    expect(accepts(OrgKind, "committee")).toBe(false)
  })

  it("has eight user roles — the four of the work, the three administrators kept apart and the member — and two sexes", () => {
    expect(userRoles).toHaveLength(8)
    for (const r of ["system-admin", "security-admin", "audit-admin", "member"])
      expect(accepts(UserRole, r)).toBe(true)
    expect(staffRoles).not.toContain("member")
    expect(staffRoles).toHaveLength(7)
    for (const r of userRoles) expect(accepts(UserRole, r)).toBe(true)
    expect(accepts(UserRole, "root")).toBe(false)
    expect(accepts(Sex, "female")).toBe(true)
    expect(accepts(Sex, "unknown")).toBe(false)
  })
})
