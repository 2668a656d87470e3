import { describe, expect, it } from "vitest"
import {
  cite,
  date,
  documents,
  fillTemplate,
  type MessageCatalog,
  renderVerdict,
  type Verdict,
  verdict,
  verdictSeverity,
  verdictStatusLabels,
  worstVerdict,
} from "../src/index.js"

const DR13 = cite(documents.developmentRules, "2026", 13)
const DR5 = cite(documents.developmentRules, "2026", 5)
const catalog: MessageCatalog = {
  "DEV-AGE-MIN.too-young": {
    "zh-CN": "申请人须年满{min}周岁，现为{age}周岁。",
    en: "The applicant must be at least {min}; they are {age}.",
  },
  "DEV-NOTICE.due": { "zh-CN": "公示须于{dueBy}前完成", en: "The notice must end by {dueBy}" },
  "DEV-FLAG.check": { "zh-CN": "是否流动党员：{mobile}", en: "Mobile member: {mobile}" },
}

describe("verdict", () => {
  it("carries status, code, params and citations, and dueBy only when given", () => {
    const v = verdict("blocked", "DEV-AGE-MIN.too-young", [DR13], { min: 18, age: 17 })
    expect(v).toEqual({
      status: "blocked",
      code: "DEV-AGE-MIN.too-young",
      params: { min: 18, age: 17 },
      citations: [DR13],
    })
    expect("dueBy" in v).toBe(false)
    const due = verdict("due", "DEV-NOTICE.due", [], {}, date("2026-05-15"))
    expect(due.dueBy?.toString()).toBe("2026-05-15")
    expect(verdict("ok", "X", []).params).toEqual({})
  })
})

describe("renderVerdict", () => {
  const tooYoung = verdict("blocked", "DEV-AGE-MIN.too-young", [DR13], { min: 18, age: 17 })

  it("writes a Chinese sentence with 《…》（2026年）第十三条 as its basis", () => {
    expect(renderVerdict(tooYoung, catalog, "zh-CN")).toBe(
      "申请人须年满18周岁，现为17周岁。（依据：《中国共产党发展党员工作细则》（2026年）第十三条）",
    )
  })

  it("writes an English sentence citing Art. 13", () => {
    expect(renderVerdict(tooYoung, catalog, "en")).toBe(
      "The applicant must be at least 18; they are 17. (Detailed Rules on Developing Party Members (2026), Art. 13)",
    )
  })

  it("joins several citations", () => {
    const v = verdict("blocked", "DEV-AGE-MIN.too-young", [DR5, DR13], { min: 18, age: 17 })
    expect(renderVerdict(v, catalog, "zh-CN")).toContain(
      "第五条；《中国共产党发展党员工作细则》（2026年）第十三条）",
    )
    expect(renderVerdict(v, catalog, "en")).toContain("Art. 5; Detailed Rules")
  })

  it("formats dates per locale", () => {
    const v = verdict("due", "DEV-NOTICE.due", [], { dueBy: date("2026-05-15") })
    expect(renderVerdict(v, catalog, "zh-CN")).toBe("公示须于2026年5月15日前完成")
    expect(renderVerdict(v, catalog, "en")).toBe("The notice must end by 2026-05-15")
  })

  it("leaves a missing parameter visible", () => {
    const v = verdict("blocked", "DEV-AGE-MIN.too-young", [], { min: 18 })
    expect(renderVerdict(v, catalog, "zh-CN")).toBe("申请人须年满18周岁，现为{age}周岁。")
  })

  it("renders a code the catalog lacks as the code itself", () => {
    expect(renderVerdict(verdict("warning", "DEV-UNKNOWN.x", []), catalog, "en")).toBe("DEV-UNKNOWN.x")
    expect(renderVerdict(verdict("warning", "toString", []), catalog, "en")).toBe("toString")
    expect(renderVerdict(verdict("warning", "DEV-UNKNOWN.x", [DR5]), catalog, "zh-CN")).toBe(
      "DEV-UNKNOWN.x（依据：《中国共产党发展党员工作细则》（2026年）第五条）",
    )
  })
})

describe("fillTemplate", () => {
  it("replaces numbers, text, booleans and dates", () => {
    const params = { n: 3, name: "张三", ok: true, no: false, on: date("2025-10-01") }
    expect(fillTemplate("{name}/{n}/{ok}/{no}/{on}", params, "zh-CN")).toBe("张三/3/是/否/2025年10月1日")
    expect(fillTemplate("{name}/{n}/{ok}/{no}/{on}", params, "en")).toBe("张三/3/yes/no/2025-10-01")
  })

  it("leaves placeholders without a parameter visible, including names Object.prototype has", () => {
    expect(fillTemplate("{a} {b}", { a: 1 }, "en")).toBe("1 {b}")
    expect(fillTemplate("{constructor} {toString}", {}, "en")).toBe("{constructor} {toString}")
  })
})

describe("worstVerdict", () => {
  const v = (status: Verdict["status"], code: string) => verdict(status, code, [])

  it("picks the most severe verdict as the headline", () => {
    expect(worstVerdict([v("ok", "a"), v("due", "b"), v("overdue", "c"), v("warning", "d")])?.code).toBe("c")
    expect(worstVerdict([v("allowed", "a"), v("blocked", "b"), v("overdue", "c")])?.code).toBe("b")
  })

  it("keeps the first of equally severe verdicts, and is undefined for none", () => {
    expect(worstVerdict([v("due", "first"), v("due", "second")])?.code).toBe("first")
    expect(worstVerdict([])).toBeUndefined()
  })
})

describe("verdictSeverity", () => {
  it("orders blocked, overdue, due, warning, allowed, ok", () => {
    const order = Object.entries(verdictSeverity)
      .sort(([, a], [, b]) => a - b)
      .map(([s]) => s)
    expect(order).toEqual(["blocked", "overdue", "due", "warning", "allowed", "ok"])
  })
})

describe("verdictStatusLabels", () => {
  it("labels each status in both languages", () => {
    expect(verdictStatusLabels.overdue).toEqual({ "zh-CN": "已逾期", en: "overdue" })
    expect(Object.keys(verdictStatusLabels).sort()).toEqual(Object.keys(verdictSeverity).sort())
  })
})
