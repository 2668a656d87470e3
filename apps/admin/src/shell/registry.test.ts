import { QueryClient } from "@tanstack/react-query"
import { describe, expect, it, vi } from "vitest"
import type { Area, DashboardPanel } from "./area"
import {
  catalogOf,
  isPublicPath,
  menuTreeFor,
  routeAt,
  startDashboard,
  startPanels,
  validateAreas,
} from "./registry"

const Icon = () => null
const load = async () => ({ default: () => null })

const area = (id: string, over: Partial<Area> = {}): Area => ({
  id,
  messages: { "zh-CN": {}, en: {} },
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

  it("finds the signed-in page at an address, a static path before a parameter, and none for the rest", () => {
    const [list, create, detail] = [
      { path: "members", load },
      { path: "members/new", load },
      { path: "members/:id", load },
    ]
    const areas = [
      area("a", { routes: [detail, list, create] as never, publicRoutes: [{ path: "activate", load }] }),
    ]
    expect(routeAt(areas, "/members")).toBe(list)
    expect(routeAt(areas, "/members/new")).toBe(create)
    expect(routeAt(areas, "/members/42")).toBe(detail)
    expect(routeAt(areas, "/")).toBeUndefined()
    expect(routeAt(areas, "/activate")).toBeUndefined()
    expect(routeAt(areas, "/nowhere")).toBeUndefined()
  })

  it("knows the areas' public pages, with their parameters, and nothing else", () => {
    const areas = [
      area("a", { publicRoutes: [{ path: "activate", load }] }),
      area("b", { publicRoutes: [{ path: "invite/:token", load }] }),
    ]
    expect(isPublicPath(areas, "/activate")).toBe(true)
    expect(isPublicPath(areas, "/invite/abc")).toBe(true)
    expect(isPublicPath(areas, "/")).toBe(false)
    expect(isPublicPath(areas, "/a")).toBe(false)
    expect(isPublicPath(areas, "/activate/more")).toBe(false)
    expect(isPublicPath([area("c")], "/activate")).toBe(false)
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

  it("reports an area whose strings would hide the shell's or another area's", () => {
    const a = area("a", {
      messages: {
        "zh-CN": { "a.title": "甲", "common.save": "存" },
        en: { "a.title": "A", "common.save": "S" },
      },
    })
    const b = area("b", { messages: { "zh-CN": { "a.title": "乙" }, en: { "a.title": "B" } } })
    expect(validateAreas([a, b])).toEqual(["duplicate message keys: common.save, a.title"])
  })

  it("merges the areas' strings into one catalog with the shell's", () => {
    const catalog = catalogOf([
      area("a", { messages: { "zh-CN": { "a.title": "甲" }, en: { "a.title": "A" } } }),
    ])
    expect(catalog["zh-CN"]["a.title"]).toBe("甲")
    expect(catalog.en["a.title"]).toBe("A")
    expect(catalog["zh-CN"]["common.save"]).toBe("保存")
    expect(catalog.en["common.save"]).toBe("Save")
  })

  it("puts an area's menu entries under its heading, at the heading's order; a lone entry stands alone", () => {
    const grouped = area("g", {
      routes: [{ path: "g", load }],
      menuGroup: { label: "menu.members", order: 30 },
      menu: [
        { path: "g/b", label: "menu.members", icon: Icon, order: 62 },
        { path: "g", label: "menu.members", icon: Icon, order: 60 },
        { path: "g/own", label: "menu.members", icon: Icon, order: 1, roles: ["member"] },
      ],
    })
    const flat = area("f", { menu: [{ path: "f", label: "menu.members", icon: Icon, order: 40 }] })
    const early = area("e", { menu: [{ path: "e", label: "menu.members", icon: Icon, order: 10 }] })
    const tree = menuTreeFor([flat, grouped, early], "district-admin")
    expect(tree.map((e) => (e.kind === "item" ? e.item.path : e.key))).toEqual(["e", "group:g", "f"])
    const group = tree[1]
    expect(group?.kind === "group" ? group.items.map((m) => m.path) : []).toEqual(["g", "g/b"])
    // A member sees one entry of the area: no heading over a single page.
    expect(menuTreeFor([grouped], "member")).toEqual([{ kind: "item", item: grouped.menu[2] }])
  })

  it("starts every panel's code and declared reads at once, and asks no fresh read again", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } })
    const loads = [vi.fn(load), vi.fn(() => Promise.reject(new Error("chunk gone")))]
    const overview = vi.fn(async () => ({ members: 3 }))
    const broken = vi.fn(async () => {
      throw new Error("503")
    })
    const panels: DashboardPanel[] = [
      { key: "a", title: "overview.title", load: loads[0] as DashboardPanel["load"], span: 12, order: 1 },
      {
        key: "b",
        title: "overview.title",
        load: loads[1] as DashboardPanel["load"],
        span: 12,
        order: 2,
        queries: () => [
          { queryKey: ["b", "overview"], queryFn: overview },
          { queryKey: ["b", "broken"], queryFn: broken },
        ],
      },
    ]
    startPanels(client, panels)
    expect(loads.map((l) => l.mock.calls.length)).toEqual([1, 1])
    expect([overview.mock.calls.length, broken.mock.calls.length]).toEqual([1, 1])
    await vi.waitFor(() => expect(client.getQueryData(["b", "overview"])).toEqual({ members: 3 }))
    // The failed read is left for the panel's own useQuery to show; nothing is thrown here.
    await vi.waitFor(() => expect(client.getQueryState(["b", "broken"])?.status).toBe("error"))
    startPanels(client, panels)
    expect(overview.mock.calls.length).toBe(1)
    expect(broken.mock.calls.length).toBe(2)
  })

  it("asks every panel's code before any panel's read (the browser's six connections go to the code first)", () => {
    const order: string[] = []
    const client = {
      prefetchQuery: async (q: { queryKey: readonly unknown[] }) =>
        void order.push(`read ${String(q.queryKey[0])}`),
    }
    const panel = (key: string): DashboardPanel => ({
      key,
      title: "overview.title",
      load: async () => {
        order.push(`code ${key}`)
        return { default: () => null }
      },
      span: 12,
      order: 1,
      queries: () => [{ queryKey: [key], queryFn: async () => key }],
    })
    startPanels(client, [panel("p1"), panel("p2")])
    expect(order).toEqual(["code p1", "code p2", "read p1", "read p2"])
  })

  it("starts the dashboard's panels only for a role whose home it is, and only the role's panels", () => {
    const asked: string[] = []
    const client = {
      prefetchQuery: async (q: { queryKey: readonly unknown[] }) => void asked.push(String(q.queryKey[0])),
    }
    const panel = (key: string, roles?: DashboardPanel["roles"]): DashboardPanel => ({
      key,
      title: "overview.title",
      load,
      span: 12,
      order: 1,
      ...(roles === undefined ? {} : { roles }),
      queries: () => [{ queryKey: [key], queryFn: async () => key }],
    })
    const areas = [
      area("a", { dashboardPanels: [panel("everyone"), panel("secretaries", ["branch-secretary"])] }),
      area("m", { dashboardPanels: [], homes: { member: "my-record" } }),
    ]
    startDashboard(client, areas, "district-admin")
    expect(asked).toEqual(["everyone"])
    startDashboard(client, areas, "member")
    expect(asked).toEqual(["everyone"])
  })
})
