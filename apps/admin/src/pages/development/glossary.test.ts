import { evidenceValueTerms } from "@xianfeng/development-rules/glossary"
import { describe, expect, it } from "vitest"
import { en as appEn } from "../../locales/en"
import { en as membersEn } from "../members/locales/en"
import { en as devEn } from "./locales/en"
import { zhCN as devZh } from "./locales/zh-CN"

// 发展对象 has one English term across the app, the glossary's (which the API's ledger export reads too).
describe("the glossary of the development procedure", () => {
  const term = evidenceValueTerms["development-object"]

  it("gives the admin its evidence labels in both languages", () => {
    expect(devZh["dev.enum.development-object"]).toBe("发展对象")
    expect(devEn["dev.enum.development-object"]).toBe(term.en)
    expect(devZh["dev.field.acceptsProgramme"]).toBe("承认党的纲领和章程")
  })

  it("uses its one English term for 发展对象 wherever the English admin names it", () => {
    const all = { ...appEn, ...devEn, ...membersEn }
    const others = Object.entries(all).filter(([, v]) => /development[- ]objects?\b/i.test(v))
    expect(others).toEqual([])
    expect(appEn["stage.development-object"].toLowerCase()).toBe(term.en)
  })
})
