import { describe, expect, it } from "vitest"
import { en } from "./en"
import { zhCN } from "./zh-CN"

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

type Messages = Readonly<Record<string, string>>

// Every area's files, registered or not: src/pages/<area>/locales/{zh-CN,en}.ts.
const areaFiles = import.meta.glob<Readonly<Record<string, Messages>>>("../pages/*/locales/*.ts", {
  eager: true,
})
const areaLocales = (name: "zh-CN" | "en") =>
  Object.fromEntries(
    Object.entries(areaFiles)
      .filter(([path]) => path.endsWith(`/locales/${name}.ts`))
      .map(([path, mod]) => [path.split("/")[2] ?? path, mod[name === "zh-CN" ? "zhCN" : "en"] ?? {}]),
  )
const areaIndexes = import.meta.glob("../pages/*/index.ts")
const areaZh = areaLocales("zh-CN")
const areaEn = areaLocales("en")

/** The shell's files and each area's, as pairs to hold to the same rules. */
const files: readonly { readonly name: string; readonly zh: Messages; readonly en: Messages }[] = [
  { name: "src/locales", zh: zhCN, en },
  ...[...new Set([...Object.keys(areaZh), ...Object.keys(areaEn)])]
    .sort()
    .map((area) => ({ name: `pages/${area}/locales`, zh: areaZh[area] ?? {}, en: areaEn[area] ?? {} })),
]

describe("locale files", () => {
  it("every area has its own zh-CN and en files", () => {
    // Every folder under src/pages that is an area (has an index.ts) has both files, and only those do.
    const areaFolders = Object.keys(areaIndexes)
      .map((path) => path.split("/")[2] ?? path)
      .sort()
    expect(areaFolders).toEqual(expect.arrayContaining(["development", "members", "organization", "users"]))
    expect(Object.keys(areaZh).sort()).toEqual(areaFolders)
    expect(Object.keys(areaEn).sort()).toEqual(areaFolders)
  })

  it("zh-CN and en have exactly the same keys", () => {
    for (const { name, zh, en } of files) {
      const zhKeys = Object.keys(zh).sort()
      const enKeys = Object.keys(en).sort()
      expect(zhKeys.length, name).toBeGreaterThan(0)
      expect(
        enKeys.filter((k) => !zhKeys.includes(k)),
        name,
      ).toEqual([])
      expect(
        zhKeys.filter((k) => !enKeys.includes(k)),
        name,
      ).toEqual([])
    }
  })

  it("no message is blank", () => {
    for (const { name, zh, en } of files) {
      for (const [locale, messages] of Object.entries({ "zh-CN": zh, en })) {
        const blank = Object.entries(messages).filter(([, v]) => v.trim() === "")
        expect(blank, `${name} ${locale}`).toEqual([])
      }
    }
  })

  it("a translation keeps the placeholders of the Chinese message", () => {
    for (const { zh, en } of files) {
      for (const [key, text] of Object.entries(zh)) {
        expect(placeholders(en[key] ?? ""), key).toEqual(placeholders(text))
      }
    }
  })

  it("the Chinese file is Chinese: labels a user reads contain Han characters", () => {
    for (const { name, zh } of files) {
      const latinOnly = Object.entries(zh).filter(
        ([k, v]) => !k.startsWith("lang.") && !/\p{Script=Han}/u.test(v) && v !== "—",
      )
      expect(latinOnly, name).toEqual([])
    }
  })

  it("no key is defined twice: an area's key would hide the shell's or another area's", () => {
    const all = files.flatMap((f) => Object.keys(f.zh))
    expect(all.filter((k, i) => all.indexOf(k) !== i)).toEqual([])
  })
})
