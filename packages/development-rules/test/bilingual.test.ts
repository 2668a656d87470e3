import { BILINGUAL_SEPARATOR, bilingual } from "@xianfeng/core"
import { Result, Schema, SchemaIssue } from "effect"
import { describe, expect, it } from "vitest"
import { decodeStepRecord, evidenceSchemas, type StepId, splitBilingual } from "../src/index.js"
import { exampleEvidence as defaults } from "../src/testing.js"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()
const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

/** Every message a decode failure gives, with its path. */
const messages = (schema: Schema.Top, input: unknown): { path: string; message: string }[] => {
  const r = Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>)(input, { errors: "all" })
  return Result.isFailure(r)
    ? formatter(r.failure.issue).issues.map((i) => ({ path: (i.path ?? []).join("."), message: i.message }))
    : []
}

describe('bilingual evidence messages ("<zh> ¦ <en>", as the API\'s validator reads them)', () => {
  it("uses the API's separator", () => {
    expect(BILINGUAL_SEPARATOR).toBe(" ¦ ")
    expect(bilingual("不能为空", "must not be empty").message).toBe("不能为空 ¦ must not be empty")
    expect(splitBilingual("不能为空 ¦ must not be empty")).toEqual({
      zh: "不能为空",
      en: "must not be empty",
    })
    expect(splitBilingual("Missing key")).toEqual({ zh: "Missing key", en: "Missing key" })
  })

  it("every field of every step's evidence fails with a Chinese and an English message", () => {
    const wrongs: unknown[] = [12345.5, -1, "", [], {}, null, "2026-02-30"]
    let checked = 0
    for (const step of Object.keys(evidenceSchemas) as StepId[]) {
      const schema = evidenceSchemas[step]
      const valid = Schema.encodeSync(schema as unknown as Schema.Codec<unknown, unknown>)(defaults[step])
      for (const key of Object.keys(schema.fields)) {
        for (const wrong of wrongs) {
          for (const { path, message } of messages(schema, { ...(valid as object), [key]: wrong })) {
            // a missing key inside a nested object is named by the API itself ("缺少必填字段…")
            if (message === "Missing key") continue
            checked++
            expect(message, `${step}.${path} = ${JSON.stringify(wrong)}`).toContain(BILINGUAL_SEPARATOR)
            const { zh, en } = splitBilingual(message)
            expect(hasChinese(zh), `${step}.${path}: ${message}`).toBe(true)
            expect(hasChinese(en), `${step}.${path}: ${message}`).toBe(false)
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300)
  })

  it("decodeStepRecord gives each language its own half", () => {
    const r = decodeStepRecord({ step: "talk", on: "2026-06-01", evidence: { talkedBy: "" } })
    expect(Result.isFailure(r) && r.failure.field).toBe("evidence.talkedBy")
    expect(Result.isFailure(r) && r.failure.message).toBe("evidence.talkedBy: must not be empty")
    expect(Result.isFailure(r) && r.failure.messageZh).toBe("evidence.talkedBy的值无效：不能为空")
    const date = decodeStepRecord({ step: "apply", on: "2026-02-30", evidence: defaults.apply })
    expect(Result.isFailure(date) && date.failure.messageZh).toContain("日历上没有2026-02-30这一天")
  })
})
