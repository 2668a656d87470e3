import type { ComponentType } from "react"
import { describe, expect, it } from "vitest"
import type { Load } from "./area"
import { componentOf, loadOnce } from "./code"
// Imported with the file, not inside the test: it brings antd, whose first import took over the test's 5 s on a
// loaded CI box (4 Dec); a file's imports are not timed.
import { isCodeLoadFailure } from "./states"

const Panel: ComponentType<object> = () => null

describe("a page's or panel's code, loaded once", () => {
  it("asks a load once, however often it is started", async () => {
    let asked = 0
    const load: Load = async () => {
      asked++
      return { default: Panel }
    }
    await Promise.all([loadOnce(load), loadOnce(load)])
    await loadOnce(load)
    expect(asked).toBe(1)
  })

  it("renders a lazy component before the code is there, and the loaded component itself after", async () => {
    const load: Load = async () => ({ default: Panel })
    const before = componentOf(load)
    expect(before).not.toBe(Panel)
    // React.lazy's element type, made once per load (a new one on every render would remount the panel).
    expect((before as unknown as { $$typeof: symbol }).$$typeof).toBe(Symbol.for("react.lazy"))
    expect(componentOf(load)).toBe(before)
    await loadOnce(load)
    expect(componentOf(load)).toBe(Panel)
  })

  it("forgets a failed load, so that the next ask tries again", async () => {
    let asked = 0
    const load: Load = async () => {
      asked++
      if (asked === 1) throw new Error("offline")
      return { default: Panel }
    }
    await expect(loadOnce(load)).rejects.toThrow("offline")
    expect(componentOf(load)).not.toBe(Panel)
    await expect(loadOnce(load)).resolves.toEqual({ default: Panel })
    expect(asked).toBe(2)
    expect(componentOf(load)).toBe(Panel)
  })
})

describe("a failed load of the admin's code, told from other failures", () => {
  it("knows the browsers' words for a module that did not arrive, and nothing else", () => {
    for (const message of [
      "Failed to fetch dynamically imported module: http://127.0.0.1/assets/HeatmapPage-x.js",
      "error loading dynamically imported module: http://127.0.0.1/assets/HeatmapPage-x.js",
      "Importing a module script failed.",
    ])
      expect(isCodeLoadFailure(new TypeError(message)), message).toBe(true)
    expect(isCodeLoadFailure(new TypeError("Failed to fetch"))).toBe(false)
    expect(isCodeLoadFailure(new Error("Failed to fetch dynamically imported module: x"))).toBe(false)
    expect(isCodeLoadFailure("dynamically imported module")).toBe(false)
  })
})
