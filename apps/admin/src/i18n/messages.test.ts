import { describe, expect, it } from "vitest"
import { format, mergeCatalogs, parseLocale, translateDynamic } from "./messages"

describe("messages", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("共 {total} 条", { total: 2000 })).toBe("共 2000 条")
    expect(format("{a} 与 {b}", { a: "甲" })).toBe("甲 与 {b}")
  })

  it("translates API values it knows and shows the raw value otherwise", () => {
    expect(translateDynamic("zh-CN", "stage.full", "full")).toBe("正式党员")
    expect(translateDynamic("en", "stage.full", "full")).toBe("Full member")
    expect(translateDynamic("zh-CN", "ethnicity.42", "42")).toBe("42")
    expect(translateDynamic("zh-CN", "toString", "toString")).toBe("toString")
  })

  it("translates an area's keys from the catalog it is given", () => {
    const catalog = mergeCatalogs([
      { "zh-CN": { "dev.state.due": "即将到期" }, en: { "dev.state.due": "Due soon" } },
    ])
    expect(translateDynamic("en", "dev.state.due", "due", catalog)).toBe("Due soon")
    expect(translateDynamic("en", "dev.state.due", "due")).toBe("due")
    expect(translateDynamic("en", "stage.full", "full", catalog)).toBe("Full member")
  })

  it("falls back to Chinese for anything but a known locale", () => {
    expect(parseLocale("en")).toBe("en")
    expect(parseLocale("fr")).toBe("zh-CN")
    expect(parseLocale(null)).toBe("zh-CN")
  })
})
