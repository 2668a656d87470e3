import type { Page } from "playwright-core"
import { expect } from "vitest"

/**
 * Fails when the page scrolls sideways (content wider than the window) or a primary button (a dialog's
 * save included) lies outside the window.
 */
export const expectFits = async (page: Page, where: string) => {
  // Let the layout settle (fonts, a dialog opening) before measuring.
  await page.waitForTimeout(300)
  const r = await page.evaluate(() => {
    const vw = window.innerWidth
    const wide = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)
    const outside = [
      ...document.querySelectorAll<HTMLElement>(".ant-btn-primary, .ant-modal-footer .ant-btn"),
    ]
      .filter((b) => {
        const box = b.getBoundingClientRect()
        const style = getComputedStyle(b)
        if (box.width === 0 || style.visibility === "hidden") return false
        return box.left < -0.5 || box.right > vw + 0.5
      })
      .map(
        (b) =>
          `${(b.textContent ?? "").trim()} [${Math.round(b.getBoundingClientRect().left)}…${Math.round(b.getBoundingClientRect().right)}]`,
      )
    return { vw, wide, outside }
  })
  expect(r.wide, `${where}: the page is ${r.wide} px wide in a ${r.vw} px window`).toBeLessThanOrEqual(r.vw)
  expect(r.outside, `${where}: primary buttons outside the window`).toEqual([])
}
