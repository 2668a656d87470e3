import { describe, expect, it } from "vitest"
import {
  carryOver,
  fieldsOf,
  formPathOf,
  initialValues,
  shapeOf,
  toEvidence,
  unansweredValues,
} from "./schemaForm"

// Evidence schemas exactly as GET /api/development/steps sends them (effect's JSON Schema export).
const introducers: unknown = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    introducers: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string", minLength: 1 },
          status: { type: "string", enum: ["full", "probationary", "not-member"] },
          fullMemberSince: { type: "string" },
          sanctions: {
            type: "array",
            items: {
              type: "object",
              properties: {
                kind: {
                  type: "string",
                  enum: ["warning", "serious-warning", "removal-from-post", "party-probation"],
                },
                imposedOn: { type: "string" },
                restoredOn: { type: "string" },
              },
              required: ["kind", "imposedOn"],
              additionalProperties: true,
            },
          },
        },
        required: ["name", "status", "sanctions"],
        additionalProperties: true,
      },
    },
  },
  required: ["introducers"],
  additionalProperties: true,
}
const approval: unknown = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    approver: {
      type: "object",
      properties: {
        id: { type: "string" },
        kind: {
          type: "string",
          enum: [
            "district-committee",
            "working-committee",
            "township-committee",
            "party-committee",
            "general-branch",
            "branch",
            "party-group",
          ],
        },
        path: { type: "string", minLength: 1 },
        temporary: { type: "boolean" },
      },
      required: ["id", "kind", "path"],
      additionalProperties: true,
    },
    parentKind: {
      anyOf: [
        {
          type: "string",
          enum: [
            "district-committee",
            "working-committee",
            "township-committee",
            "party-committee",
            "general-branch",
            "branch",
            "party-group",
          ],
        },
        { type: "null" },
      ],
    },
    documentNo: { type: "string", minLength: 1 },
    collective: { type: "boolean" },
    submittedOn: { type: "string" },
    delayReason: { type: "string", minLength: 1 },
  },
  required: ["approver", "parentKind", "documentNo", "collective"],
  additionalProperties: true,
}
const decision: unknown = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    decidedBy: { type: "string", enum: ["branch-committee", "general-meeting"] },
    opinionsHeard: {
      type: "array",
      items: { type: "string", enum: ["party-group", "contacts", "members", "non-members"] },
    },
  },
  required: ["decidedBy", "opinionsHeard"],
  additionalProperties: true,
}
const notice: unknown = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    start: { type: "string" },
    end: { type: "string" },
    places: { type: "array", items: { type: "string", minLength: 1 } },
    objections: { type: "integer", minimum: 0, maximum: 9007199254740991 },
  },
  required: ["start", "end", "places"],
  additionalProperties: true,
}

describe("JSON Schema → form fields", () => {
  it("maps an array of objects to a list with nested lists and enums", () => {
    const [list] = fieldsOf(introducers)
    expect(list).toMatchObject({ key: "introducers", kind: "list", required: true })
    expect(list?.fields?.map((f) => [f.key, f.kind, f.required])).toEqual([
      ["name", "text", true],
      ["status", "enum", true],
      ["fullMemberSince", "date", false],
      ["sanctions", "list", true],
    ])
    expect(list?.fields?.[1]?.options).toEqual(["full", "probationary", "not-member"])
    const sanctions = list?.fields?.[3]
    expect(sanctions?.fields?.map((f) => `${f.key}:${f.kind}`)).toEqual([
      "kind:enum",
      "imposedOn:date",
      "restoredOn:date",
    ])
  })

  it("maps nested objects, nullable enums, booleans, and keeps min length", () => {
    const fields = fieldsOf(approval)
    expect(fields.map((f) => `${f.key}:${f.kind}`)).toEqual([
      "approver:object",
      "parentKind:enum",
      "documentNo:text",
      "collective:boolean",
      "submittedOn:date",
      "delayReason:textarea",
    ])
    const parent = fields[1]
    expect(parent).toMatchObject({ nullable: true, required: false })
    expect(parent?.options).toContain("district-committee")
    expect(fields[0]?.fields?.map((f) => `${f.key}:${f.kind}:${f.required}`)).toEqual([
      "id:text:true",
      "kind:enum:true",
      "path:text:true",
      "temporary:boolean:false",
    ])
    expect(fields[2]?.minLength).toBe(1)
  })

  it("maps arrays of enums to a multiple choice and arrays of strings to tags", () => {
    expect(fieldsOf(decision).map((f) => `${f.key}:${f.kind}`)).toEqual([
      "decidedBy:enum",
      "opinionsHeard:multi-enum",
    ])
    const fields = fieldsOf(notice)
    expect(fields.map((f) => `${f.key}:${f.kind}`)).toEqual([
      "start:date",
      "end:date",
      "places:tags",
      "objections:integer",
    ])
    // effect writes MAX_SAFE_INTEGER as the upper bound: that is no bound for a form.
    expect(fields[3]).toMatchObject({ minimum: 0 })
    expect(fields[3]?.maximum).toBeUndefined()
  })

  it("honours format: date, $ref into $defs and type arrays with null", () => {
    const fields = fieldsOf({
      type: "object",
      properties: {
        held: { type: "string", format: "date" },
        who: { $ref: "#/$defs/Person" },
        note: { type: ["string", "null"] },
        count: { type: "number", exclusiveMinimum: 0 },
      },
      required: ["held", "who"],
      $defs: { Person: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } },
    })
    expect(fields.map((f) => `${f.key}:${f.kind}:${f.required}:${f.nullable}`)).toEqual([
      "held:date:true:false",
      "who:object:true:false",
      "note:textarea:false:true",
      "count:number:false:false",
    ])
    expect(fields[1]?.fields?.[0]).toMatchObject({ key: "name", kind: "text", required: true })
  })
})

describe("form values → evidence", () => {
  it("starts with switches off and lists empty", () => {
    expect(initialValues(fieldsOf(approval))).toEqual({
      approver: { temporary: false },
      collective: false,
    })
    expect(initialValues(fieldsOf(introducers))).toEqual({ introducers: [] })
  })

  it("leaves every yes/no of a new record unanswered: an optional one is not sent as 否, a required one must be chosen", () => {
    const fields = fieldsOf(approval)
    // `collective` is required: unanswered in the form (which then refuses to save), not a silent 否.
    expect(fields.find((f) => f.key === "collective")?.required).toBe(true)
    expect(unansweredValues(fields)).toEqual({ approver: {} })
    expect(toEvidence(fields, unansweredValues(fields))).toEqual({
      approver: {},
      parentKind: null,
      collective: false,
    })
  })

  it("drops blank optional fields, sends null for an empty nullable field, numbers as numbers", () => {
    const fields = fieldsOf(approval)
    const evidence = toEvidence(fields, {
      approver: { id: " c01 ", kind: "party-committee", path: "示范区/第一党委", temporary: false },
      parentKind: undefined,
      documentNo: "示党发〔2025〕12号",
      collective: true,
      submittedOn: "",
      delayReason: "  ",
    })
    expect(evidence).toEqual({
      approver: { id: "c01", kind: "party-committee", path: "示范区/第一党委", temporary: false },
      parentKind: null,
      documentNo: "示党发〔2025〕12号",
      collective: true,
    })
    expect(
      toEvidence(fieldsOf(notice), {
        start: "2026-06-01",
        end: "2026-06-08",
        places: ["单位", " "],
        objections: "0",
      }),
    ).toEqual({
      start: "2026-06-01",
      end: "2026-06-08",
      places: ["单位"],
      objections: 0,
    })
  })

  it("builds list items with their own nested lists", () => {
    const evidence = toEvidence(fieldsOf(introducers), {
      introducers: [
        { name: "李明", status: "full", fullMemberSince: "2010-07-01" },
        { name: "王芳", status: "full", sanctions: [{ kind: "warning", imposedOn: "2024-01-05" }] },
      ],
    })
    expect(evidence).toEqual({
      introducers: [
        { name: "李明", status: "full", fullMemberSince: "2010-07-01", sanctions: [] },
        { name: "王芳", status: "full", sanctions: [{ kind: "warning", imposedOn: "2024-01-05" }] },
      ],
    })
  })

  it("carries a previous record over without its dates", () => {
    const fields = fieldsOf(notice)
    expect(
      carryOver(fields, { start: "2026-06-01", end: "2026-06-08", places: ["单位"], objections: 2 }),
    ).toEqual({
      places: ["单位"],
      objections: 2,
    })
    expect(carryOver(fieldsOf(decision), { decidedBy: "nonsense", opinionsHeard: ["members", "x"] })).toEqual(
      {
        opinionsHeard: ["members"],
      },
    )
    expect(shapeOf(fieldsOf(approval))).toBe(shapeOf(fieldsOf(approval)))
    expect(shapeOf(fieldsOf(approval))).not.toBe(shapeOf(fieldsOf(notice)))
  })
})

describe("API field paths → form items", () => {
  const fields = fieldsOf(introducers)
  it("follows lists by index down to the item's field", () => {
    expect(formPathOf("evidence.introducers.1.status", fields)).toEqual([
      "evidence",
      "introducers",
      1,
      "status",
    ])
    expect(formPathOf("evidence.introducers.0.sanctions.2.kind", fields)).toEqual([
      "evidence",
      "introducers",
      0,
      "sanctions",
      2,
      "kind",
    ])
    expect(formPathOf("evidence.introducers", fields)).toEqual(["evidence", "introducers"])
    expect(formPathOf("onDate", fields)).toEqual(["onDate"])
  })
  it("leaves paths the form does not have to the banner", () => {
    expect(formPathOf("evidence.unknown", fields)).toBeUndefined()
    expect(formPathOf("evidence.introducers.x.status", fields)).toBeUndefined()
    expect(formPathOf("step", fields)).toBeUndefined()
    expect(formPathOf("evidence", fields)).toBeUndefined()
  })
})
