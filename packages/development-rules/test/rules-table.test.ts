import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { regenerateReadme } from "../scripts/readme-section.js"
import { rulesTable } from "../src/index.js"

describe("rules table", () => {
  it("lists every rule with its editions and rendered citations", () => {
    const rows = rulesTable("en")
    const notice = rows.find((r) => r.id === "DEV-PUBLIC-NOTICE")
    expect(notice?.editions).toEqual(["2026"])
    expect(notice?.citations).toBe("Detailed Rules on Developing Party Members (2026), Art. 13")
    expect(rows.find((r) => r.id === "DEV-AGE-MIN")?.editions).toEqual(["2014", "2026"])
    expect(rulesTable("zh-CN").find((r) => r.id === "DEV-AGE-MIN")?.citations).toContain("第五条")
  })

  it("README's rules and policy tables are the generated ones (run `pnpm tsx scripts/readme-table.ts` when this fails)", () => {
    const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")
    expect(regenerateReadme(readme)).toBe(readme)
  })
})
