import { describe, expect, it } from "vitest"
import type { Area } from "./area"
import { validateAreas } from "./registry"

const Icon = () => null
const load = async () => ({ default: () => null })

const area = (id: string, over: Partial<Area> = {}): Area => ({
  id,
  routes: [{ path: id, load }],
  menu: [{ path: id, label: "menu.members", icon: Icon, order: 50 }],
  dashboardPanels: [{ key: `${id}.panel`, title: "overview.title", load, span: 12, order: 50 }],
  ...over,
})

describe("the area registry", () => {
  it("reports areas that would shadow each other", () => {
    const problems = validateAreas([area("a"), area("a")])
    expect(problems).toEqual([
      "duplicate area ids: a",
      "duplicate routes: a",
      "duplicate dashboard panels: a.panel",
    ])
  })

  it("reports menu entries without a page, absolute routes and bad panel widths", () => {
    const bad = area("x", {
      routes: [{ path: "/x", load }],
      menu: [{ path: "y", label: "menu.members", icon: Icon, order: 1 }],
      dashboardPanels: [{ key: "x.p", title: "overview.title", load, span: 30, order: 1 }],
    })
    expect(validateAreas([bad])).toEqual([
      'area x: route "/x" must be relative and not the root or login',
      "area x: menu item y has no route",
      "area x: panel x.p span must be 1–24",
    ])
  })
})
