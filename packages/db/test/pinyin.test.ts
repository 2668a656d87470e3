import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nameSearchKey, normalizeName, pinyinOf, searchTextOf, surnameReadings } from "../src/pinyin.js"

describe("pinyinOf", () => {
  it("reads an ordinary name: 张三 → zhangsan / zs", () => {
    expect(pinyinOf("张三")).toEqual({ full: "zhangsan", initials: "zs" })
  })

  // Surnames read as surnames (姓氏读音), compound ones (复姓) included.
  it.each([
    ["单于丹", "chanyudan", "cyd"],
    ["单雄信", "shanxiongxin", "sxx"],
    ["尉迟恭", "yuchigong", "ycg"],
    ["万俟卨", "moqixie", "mqx"],
    ["欧阳修", "ouyangxiu", "oyx"],
    ["曾国藩", "zengguofan", "zgf"],
    ["秘书香", "bishuxiang", "bsx"],
    ["种师道", "chongshidao", "csd"],
    ["宓子贱", "fuzijian", "fzj"],
    ["洗星海", "xianxinghai", "xxh"],
    ["仇英", "qiuying", "qy"],
    ["区寄", "ouji", "oj"],
    ["查良镛", "zhaliangyong", "zly"],
    ["解缙", "xiejin", "xj"],
    ["吕小红", "lvxiaohong", "lxh"],
  ])("%s → %s / %s", (name, full, initials) => {
    expect(pinyinOf(name)).toEqual({ full, initials })
  })

  it("a surname reading applies only to a surname followed by a given name", () => {
    expect(pinyinOf("单于").full).toBe("shanyu")
  })

  it("every entry of surnameReadings gives its reading at the head of a name", () => {
    for (const [surname, reading] of Object.entries(surnameReadings))
      expect(pinyinOf(`${surname}明`).full).toBe(`${reading.join("")}ming`)
  })

  // Characters outside the Basic Multilingual Plane (CJK Extension B+) never vanish.
  it("𠮷田 keeps a reading for 𠮷 (a variant of 吉): jitian / jt", () => {
    expect(pinyinOf("𠮷田")).toEqual({ full: "jitian", initials: "jt" })
  })

  it("a character without a known reading is kept as itself in both keys", () => {
    const keys = pinyinOf("王𡒄")
    expect(keys.full).toBe("wang𡒄")
    expect(keys.initials).toBe("w𡒄")
  })

  it("no Han character of a name ever vanishes from the keys (property)", () => {
    const han = fc.oneof(fc.integer({ min: 0x4e00, max: 0x9fff }), fc.integer({ min: 0x20000, max: 0x2a6df }))
    fc.assert(
      fc.property(fc.array(han, { minLength: 1, maxLength: 4 }), (codes) => {
        const name = String.fromCodePoint(...codes)
        const keys = pinyinOf(name)
        // Each character yields a syllable or itself: at least as many initials as characters.
        expect([...keys.initials].length).toBe(codes.length)
        expect(keys.full.length).toBeGreaterThanOrEqual(codes.length)
      }),
      { numRuns: 200 },
    )
  })

  it.each([
    "阿依古丽·买买提",
    "阿依古丽.买买提",
    "阿依古丽•买买提",
    "阿依古丽・买买提",
    "阿依古丽．买买提",
    "阿依古丽买买提",
  ])("%s has the same keys as any other separator form", (name) => {
    expect(pinyinOf(name)).toEqual({ full: "ayigulimaimaiti", initials: "ayglmmt" })
  })
})

describe("normalizeName and search keys", () => {
  it.each([
    "阿依古丽.买买提",
    "阿依古丽•买买提",
    "阿依古丽・买买提",
    "阿依古丽．买买提",
    " 阿依古丽 · 买买提 ",
  ])("%s is stored as 阿依古丽·买买提", (name) => {
    expect(normalizeName(name)).toBe("阿依古丽·买买提")
  })

  it("a Latin name keeps its dots and spaces", () => {
    expect(normalizeName("J. Smith")).toBe("J. Smith")
  })

  it("every separator form and none give the same name search key", () => {
    const forms = ["·", ".", "•", "・", "．", "", " "].map((sep) => nameSearchKey(`阿依古丽${sep}买买提`))
    expect(new Set(forms)).toEqual(new Set(["阿依古丽买买提"]))
  })

  it("a query is normalized as the keys are: full-width letters, separators, case", () => {
    expect(searchTextOf("ＡＹＧＬ")).toEqual({ text: "aygl", latin: true })
    expect(searchTextOf("ayiguli.maimaiti")).toEqual({ text: "ayigulimaimaiti", latin: true })
    expect(searchTextOf("阿依古丽•买买提")).toEqual({ text: "阿依古丽买买提", latin: false })
  })
})
