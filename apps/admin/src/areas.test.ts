import { describe, expect, it } from "vitest"
import { areas } from "./areas"
import type { Area } from "./shell/area"
import {
  catalogOf,
  collectRoutes,
  menuFor,
  panelsFor,
  selectedMenuKey,
  validateAreas,
} from "./shell/registry"

// The registered areas, checked with the shell's registry (the shell itself never imports them).

const Icon = () => null
const load = async () => ({ default: () => null })

// 纪律处分案件 (disciplinary cases), an area that does not exist yet (the id must not be a registered area's:
// `discipline` now is one).
const casework: Area = {
  id: "casework",
  messages: { "zh-CN": { "casework.cases": "处分案件" }, en: { "casework.cases": "Cases" } },
  routes: [{ path: "casework", load }],
  menu: [{ path: "casework", label: "menu.members", icon: Icon, order: 17 }],
  dashboardPanels: [{ key: "casework.cases", title: "overview.title", load, span: 12, order: 7 }],
}

describe("the registered areas", () => {
  it("the registered areas are consistent", () => {
    expect(validateAreas(areas)).toEqual([])
  })

  it("every registered dashboard panel declares its reads, so the dashboard starts them with the code", () => {
    // A panel that reads only when its code has arrived makes the dashboard wait for both in turn.
    const panels = areas.flatMap((a) => a.dashboardPanels)
    expect(panels.filter((p) => (p.queries?.() ?? []).length === 0).map((p) => p.key)).toEqual([])
    const keys = panels.flatMap((p) => p.queries?.() ?? []).map((q) => JSON.stringify(q.queryKey))
    expect(new Set(keys).size).toBe(keys.length)
  })

  it("every page is a route and the member file is reachable by id", () => {
    const paths = collectRoutes(areas).map((r) => r.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        "orgs",
        "members",
        "members/:id",
        "users",
        "development",
        "development/people/:memberId",
      ]),
    )
  })

  it("a new area adds its menu entry and panel without touching the others", () => {
    const all = [...areas, casework]
    expect(validateAreas(all)).toEqual([])
    // The registered areas' entries stay as they were; the new one lands by its order (between the
    // development and member entries), whatever other areas a district has registered.
    const before = menuFor(areas, "branch-secretary").map((m) => m.path)
    const after = menuFor(all, "branch-secretary").map((m) => m.path)
    expect(before).toEqual(expect.arrayContaining(["orgs", "development", "members"]))
    expect(after.filter((p) => p !== "casework")).toEqual(before)
    expect(after.indexOf("development")).toBeLessThan(after.indexOf("casework"))
    expect(after.indexOf("casework")).toBeLessThan(after.indexOf("members"))
    const panelsBefore = panelsFor(areas, "branch-secretary").map((p) => p.key)
    const panelsAfter = panelsFor(all, "branch-secretary").map((p) => p.key)
    expect(panelsBefore).toEqual(expect.arrayContaining(["organization.overview", "development.attention"]))
    expect(panelsAfter.filter((k) => k !== "casework.cases")).toEqual(panelsBefore)
    expect(panelsAfter.indexOf("development.attention")).toBeLessThan(panelsAfter.indexOf("casework.cases"))
    expect(catalogOf(all).en["casework.cases"]).toBe("Cases")
    expect(catalogOf(all).en["dev.panel.title"]).toBe(catalogOf(areas).en["dev.panel.title"])
  })

  it("user management is offered to the organization department only", () => {
    expect(menuFor(areas, "district-admin").map((m) => m.path)).toContain("users")
    for (const role of ["committee-officer", "branch-secretary", "auditor"] as const)
      expect(menuFor(areas, role).map((m) => m.path)).not.toContain("users")
  })

  it("highlights the menu entry of the page and of its sub-pages", () => {
    const items = menuFor(areas, "district-admin")
    expect(selectedMenuKey(items, "/members")).toBe("members")
    expect(selectedMenuKey(items, "/members/0b8a5e1c-1111-4222-8333-444455556666")).toBe("members")
    expect(selectedMenuKey(items, "/membership")).toBeUndefined()
    expect(selectedMenuKey(items, "/")).toBeUndefined()
  })
})
