import { describe, expect, it } from "vitest"
import { cite, documents, formatCitation } from "../src/index.js"

const dr = (article: number) => cite(documents.developmentRules, "2026", article)

describe("cite", () => {
  it("records document, edition and article, and a clause only when given", () => {
    expect(dr(13)).toEqual({ document: documents.developmentRules, edition: "2026", article: 13 })
    expect("clause" in dr(13)).toBe(false)
    expect(cite(documents.constitution, "2022", 7, "2")).toMatchObject({ article: 7, clause: "2" })
  })
})

describe("formatCitation", () => {
  it("writes 《…》（2026年）第十三条 in Chinese", () => {
    expect(formatCitation(dr(13), "zh-CN")).toBe("《中国共产党发展党员工作细则》（2026年）第十三条")
  })

  it("writes Title (2026), Art. 13 in English", () => {
    expect(formatCitation(dr(13), "en")).toBe("Detailed Rules on Developing Party Members (2026), Art. 13")
  })

  it.each([
    [1, "第一条"],
    [10, "第十条"],
    [13, "第十三条"],
    [20, "第二十条"],
    [22, "第二十二条"],
    [36, "第三十六条"],
    [105, "第一百零五条"],
    [110, "第一百一十条"],
    [1005, "第一千零五条"],
  ])("numbers article %i as %s", (article, zh) => {
    expect(formatCitation(dr(article), "zh-CN")).toBe(`《中国共产党发展党员工作细则》（2026年）${zh}`)
  })

  it("adds a clause after the article", () => {
    const c = cite(documents.constitution, "2022", 7, "2")
    expect(formatCitation(c, "zh-CN")).toBe("《中国共产党章程》（2022年）第七条第2项")
    expect(formatCitation(c, "en")).toBe("Constitution of the Communist Party of China (2022), Art. 7(2)")
  })
})

describe("documents", () => {
  it("gives each cited document a distinct id and a title in both languages", () => {
    const all = Object.values(documents)
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length)
    for (const d of all) {
      expect(d.title["zh-CN"]).not.toBe("")
      expect(d.title.en).not.toBe("")
    }
    expect(documents.branchRegulations.title["zh-CN"]).toBe("中国共产党支部工作条例（试行）")
  })
})

describe("formatCitation editions", () => {
  it("writes a year edition with 年, another label as it is, and leaves an empty edition out", () => {
    expect(formatCitation(cite(documents.developmentRules, "2026", 13), "zh-CN")).toBe(
      "《中国共产党发展党员工作细则》（2026年）第十三条",
    )
    expect(formatCitation(cite(documents.branchRegulations, "试行", 11), "zh-CN")).toBe(
      "《中国共产党支部工作条例（试行）》（试行）第十一条",
    )
    expect(formatCitation(cite(documents.districtPolicy, "", 1), "zh-CN")).toBe("《本区工作规定》第一条")
    expect(formatCitation(cite(documents.districtPolicy, "", 1), "en")).toBe("District policy, Art. 1")
  })
})
