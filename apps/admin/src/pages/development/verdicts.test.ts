import { describe, expect, it } from "vitest"
import { toProblem } from "../../api/problem"
import { citationLine, sortVerdicts, toneOf, toneOfVerdict, verdictsOf, verdictText } from "./verdicts"

const tooEarly = {
  status: "blocked" as const,
  code: "DEV-CULTIVATION-MIN.too-early",
  message: "入党积极分子须培养考察一年以上（自2024-09-10起），2025-09-10起方可列为发展对象",
  citations: [
    "《中国共产党发展党员工作细则》（2014年）第十三条",
    "《中国共产党发展党员工作细则》（2014年）第十二条",
  ],
}

describe("verdicts with their articles", () => {
  it("puts the articles after the sentence, in the reader's language", () => {
    expect(verdictText(tooEarly, "zh-CN")).toBe(
      "入党积极分子须培养考察一年以上（自2024-09-10起），2025-09-10起方可列为发展对象（依据：《中国共产党发展党员工作细则》（2014年）第十三条；《中国共产党发展党员工作细则》（2014年）第十二条）",
    )
    expect(
      verdictText(
        {
          message: "at least one year as activist is required",
          citations: ["Detailed Rules (2014), Art. 13"],
        },
        "en",
      ),
    ).toBe("at least one year as activist is required (Basis: Detailed Rules (2014), Art. 13)")
    expect(verdictText({ message: "没有依据", citations: [] }, "zh-CN")).toBe("没有依据")
    expect(citationLine([], "en")).toBe("")
  })

  it("colours blocked and overdue red, due and warnings orange", () => {
    expect(toneOf("blocked")).toBe("error")
    expect(toneOf("overdue")).toBe("error")
    expect(toneOf("due")).toBe("warning")
    expect(toneOf("warning")).toBe("warning")
    expect(toneOf("ok")).toBe("success")
    expect(toneOf("allowed")).toBe("info")
    // A later step waiting for an earlier one is normal: neutral, not an alarm.
    expect(toneOfVerdict({ status: "blocked", code: "DEV-ORDER.missing" })).toBe("info")
    expect(toneOfVerdict({ status: "blocked", code: "DEV-CULTIVATION-MIN.too-early" })).toBe("error")
  })

  it("lists the worst first", () => {
    const vs = [
      { ...tooEarly, status: "ok" as const },
      { ...tooEarly, status: "due" as const },
      tooEarly,
      { ...tooEarly, status: "warning" as const },
    ]
    expect(sortVerdicts(vs).map((v) => v.status)).toEqual(["blocked", "warning", "due", "ok"])
  })

  it("reads the verdicts of a 422 problem and ignores malformed ones", () => {
    const p = toProblem(422, "Unprocessable Entity", {
      type: "https://xianfeng.invalid/problems/rule-blocked",
      title: "规则不允许",
      status: 422,
      detail: "规则不允许登记这一步骤",
      verdicts: [
        tooEarly,
        { status: "weird", message: "x" },
        null,
        { status: "due", message: "应在…前办理" },
      ],
    })
    expect(verdictsOf(p)).toEqual([
      tooEarly,
      { status: "due", code: "", message: "应在…前办理", citations: [] },
    ])
    expect(verdictsOf(toProblem(400, "", { title: "Bad", status: 400 }))).toEqual([])
  })
})
