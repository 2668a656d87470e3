import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { developmentRuleSets } from "@xianfeng/development-rules"
import { describe, expect, it } from "vitest"
import { prepare } from "../scripts/prepare.mjs"

const site = join(import.meta.dirname, "../site")
const dist = join(import.meta.dirname, "../dist")

// prepare() writes the whole site (every rule of every edition, both languages): seconds of work on a busy machine.
describe("the guide", { timeout: 60_000 }, () => {
  it("has a page per rule of every edition, in both languages, citing each edition", () => {
    const { rules } = prepare() as { rules: string[] }
    const ids = new Set(developmentRuleSets.flatMap((s) => s.rules.map((r) => r.id)))
    expect(new Set(rules)).toEqual(ids)
    const age = readFileSync(join(site, "rules/DEV-AGE-MIN.md"), "utf8")
    expect(age).toContain("年满十八岁")
    expect(age).toContain("At least 18 years old")
    expect(age).toContain("《中国共产党发展党员工作细则》（2014年）第五条")
    expect(age).toContain("Detailed Rules on Developing Party Members (2026), Art. 5")
    expect(age).toContain("`DEV-AGE-MIN.too-young`")
    expect(age).toContain("[`ageReachedOn`](./policy#agereachedon)")
  })

  it("names the policy keys a rule reads, both of training's minimums included", () => {
    prepare()
    const training = readFileSync(join(site, "rules/DEV-TRAINING.md"), "utf8")
    expect(training).toContain("[`trainingMinDays`](./policy#trainingmindays)")
    expect(training).toContain("[`trainingMinHours`](./policy#trainingminhours)")
    expect(readFileSync(join(site, "rules/policy.md"), "utf8")).toContain('<span id="trainingminhours">')
    // An example is a verdict as a secretary reads it, in both languages, with the policy it was drawn under.
    expect(training).toMatch(
      /## Examples[\s\S]*`blocked` \(with [^)]*\) 集中培训[^\n]*第十七条）\n {2}<br>training/,
    )
  })

  it("reuses every docs/*.md as a page", () => {
    const docs = readdirSync(join(import.meta.dirname, "../../../docs")).filter((f) => f.endsWith(".md"))
    prepare()
    for (const f of docs) expect(existsSync(join(site, "guide", f))).toBe(true)
  })

  it("builds to static pages under /guide/ that load nothing from another host", () => {
    const html = readFileSync(join(dist, "rules/DEV-AGE-MIN.html"), "utf8")
    expect(html).toContain('href="/guide/assets/')
    for (const f of ["index.html", "districts.html", "rules/index.html", "guide/deploying.html"]) {
      const page = readFileSync(join(dist, f), "utf8")
      expect(page.match(/(?:src|href)="(?:https?:)?\/\/[^"]+\.(?:js|css|woff2?)"/g) ?? []).toEqual([])
    }
  })
})
