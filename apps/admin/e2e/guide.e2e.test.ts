import { describe, expect, it } from "vitest"
import { base, harness, page, useHarness } from "./harness"

// The guide (VitePress) as the API serves it at /guide/, under the API's Content-Security-Policy: its inline
// scripts run (allowed by hash), so the page hydrates without a console error and its local search opens.

useHarness()

describe("the guide at /guide/", () => {
  it("loads without a console error, and its search opens and finds a page", async () => {
    await page.goto(`${base}/guide/`)
    await page.locator("#local-search .DocSearch-Button").click()
    // The search box only exists once the page has hydrated (its site data is an inline script).
    const input = page.locator(".VPLocalSearchBox input")
    await input.waitFor()
    await input.fill("pnpm")
    await page.locator(".VPLocalSearchBox .result").first().waitFor()
    expect(harness?.pageErrors).toEqual([])
    expect(harness?.offOrigin).toEqual([])
  })
})
