import type { QueryClient } from "@tanstack/react-query"
import { matchPath } from "react-router-dom"
import type { Role } from "../api/types"
import type { MessageKey } from "../i18n/messages"
import { type Catalog, clashingKeys, mergeCatalogs } from "../i18n/messages"
import type { Area, AreaMenuItem, AreaRoute, DashboardPanel } from "./area"
import { loadOnce } from "./code"

/**
 * Whether a page, menu item or panel limited to `roles` is for `role`; no list means every role of the staff —
 * a `member` (a party member signed in as themself) sees only what names the role, as the API admits them.
 */
export const allowed = (roles: readonly Role[] | undefined, role: Role): boolean =>
  roles === undefined ? role !== "member" : roles.includes(role)

/** The page a role lands on instead of the dashboard, if an area names one (`Area.homes`). */
export const homeFor = (areas: readonly Area[], role: Role): string | undefined =>
  areas.map((a) => a.homes?.[role]).find((p) => p !== undefined)

export const collectPublicRoutes = (areas: readonly Area[]): AreaRoute[] =>
  areas.flatMap((a) => a.publicRoutes ?? [])

/** Whether `pathname` is one of the areas' public pages (no sign-in: activation), where nobody's session is asked. */
export const isPublicPath = (areas: readonly Area[], pathname: string): boolean =>
  collectPublicRoutes(areas).some((r) => matchPath(`/${r.path}`, pathname) !== null)

const duplicates = (values: readonly string[]): string[] => [
  ...new Set(values.filter((v, i) => values.indexOf(v) !== i)),
]

/**
 * Checks that areas do not step on each other: two areas claiming the same route, menu entry or
 * panel key would silently shadow one another in the router and the dashboard.
 */
export const validateAreas = (areas: readonly Area[]): string[] => {
  const problems: string[] = []
  const ids = duplicates(areas.map((a) => a.id))
  if (ids.length) problems.push(`duplicate area ids: ${ids.join(", ")}`)
  const paths = duplicates(areas.flatMap((a) => a.routes.map((r) => r.path)))
  if (paths.length) problems.push(`duplicate routes: ${paths.join(", ")}`)
  const panels = duplicates(areas.flatMap((a) => a.dashboardPanels.map((p) => p.key)))
  if (panels.length) problems.push(`duplicate dashboard panels: ${panels.join(", ")}`)
  const keys = clashingKeys(areas.map((a) => a.messages))
  if (keys.length) problems.push(`duplicate message keys: ${keys.join(", ")}`)
  for (const a of areas) {
    for (const r of a.routes) {
      if (r.path.startsWith("/") || r.path === "" || r.path === "login")
        problems.push(`area ${a.id}: route "${r.path}" must be relative and not the root or login`)
    }
    for (const m of a.menu) {
      const top = m.path.split("/")[0]
      if (!a.routes.some((r) => r.path === m.path || r.path.split("/")[0] === top))
        problems.push(`area ${a.id}: menu item ${m.path} has no route`)
    }
    for (const m of a.userMenu ?? []) {
      if (!a.routes.some((r) => r.path === m.path))
        problems.push(`area ${a.id}: account menu item ${m.path} has no route`)
    }
    for (const p of a.dashboardPanels) {
      if (!(p.span >= 1 && p.span <= 24)) problems.push(`area ${a.id}: panel ${p.key} span must be 1–24`)
    }
  }
  return problems
}

/** Every string of the admin: the shell's and shared ones, then each area's. */
export const catalogOf = (areas: readonly Area[]): Catalog => mergeCatalogs(areas.map((a) => a.messages))

export const collectRoutes = (areas: readonly Area[]): AreaRoute[] => areas.flatMap((a) => a.routes)

/**
 * The signed-in page at `pathname` (`members/:id` for `/members/42`), or undefined (the dashboard, a public page,
 * an address no area has). Where two match, the one with fewer parameters, as the router ranks them
 * (`members/new` before `members/:id`).
 */
export const routeAt = (areas: readonly Area[], pathname: string): AreaRoute | undefined =>
  collectRoutes(areas)
    .filter((r) => matchPath(`/${r.path}`, pathname) !== null)
    .sort((a, b) => a.path.split(":").length - b.path.split(":").length)[0]

export const menuFor = (areas: readonly Area[], role: Role): AreaMenuItem[] =>
  areas
    .flatMap((a) => a.menu)
    .filter((m) => allowed(m.roles, role))
    .sort((x, y) => x.order - y.order)

/** One entry of the side menu: a page, or an area's heading with its pages in order. */
export type MenuEntry =
  | { readonly kind: "item"; readonly item: AreaMenuItem }
  | {
      readonly kind: "group"
      readonly key: string
      readonly label: MessageKey
      readonly items: readonly AreaMenuItem[]
    }

/**
 * The side menu for `role`, by area: an area with a `menuGroup` and more than one entry for the role stands
 * under its heading (at the group's order); any other entry stands alone at its own order.
 */
export const menuTreeFor = (areas: readonly Area[], role: Role): MenuEntry[] =>
  areas
    .flatMap((a): { order: number; entry: MenuEntry }[] => {
      const items = a.menu.filter((m) => allowed(m.roles, role)).sort((x, y) => x.order - y.order)
      if (a.menuGroup === undefined || items.length < 2)
        return items.map((item) => ({ order: item.order, entry: { kind: "item", item } }))
      return [
        {
          order: a.menuGroup.order,
          entry: { kind: "group", key: `group:${a.id}`, label: a.menuGroup.label, items },
        },
      ]
    })
    .sort((x, y) => x.order - y.order)
    .map((x) => x.entry)

/** The account menu's entries the areas add for `role`, in order. */
export const userMenuFor = (areas: readonly Area[], role: Role): AreaMenuItem[] =>
  areas
    .flatMap((a) => a.userMenu ?? [])
    .filter((m) => allowed(m.roles, role))
    .sort((x, y) => x.order - y.order)

export const panelsFor = (areas: readonly Area[], role: Role): DashboardPanel[] =>
  areas
    .flatMap((a) => a.dashboardPanels)
    .filter((p) => allowed(p.roles, role))
    .sort((x, y) => x.order - y.order)

/**
 * Starts what the dashboard's panels for `role` will need — each panel's code and the reads it declares
 * (`DashboardPanel.queries`) — at once, so the reads do not wait for the code: the page is usable when the
 * slower of the two arrives rather than after both in turn. Every panel's code is asked before any read: the
 * browser opens at most six connections to the server and a read holds its connection until it is answered
 * (reads queue on the embedded database's one connection), so a panel's code asked after the reads could wait
 * for one. A read already cached and fresh is not asked again (`prefetchQuery`); failures are left for the
 * panel's own `useQuery`, which shows them.
 */
export const startPanels = (
  queryClient: Pick<QueryClient, "prefetchQuery">,
  panels: readonly DashboardPanel[],
): void => {
  for (const p of panels) void loadOnce(p.load).catch(() => undefined)
  for (const p of panels)
    for (const q of p.queries?.() ?? [])
      void queryClient.prefetchQuery({ queryKey: q.queryKey, queryFn: q.queryFn })
}

/**
 * When the dashboard is the home of `role` (no area names another, `homeFor`), starts its panels
 * (`startPanels`): called as soon as the role is known — when the session answers, before the signed-in frame
 * has drawn — and again by the home page itself (then a no-op for what is already asked).
 */
export const startDashboard = (
  queryClient: Pick<QueryClient, "prefetchQuery">,
  areas: readonly Area[],
  role: Role,
): void => {
  if (homeFor(areas, role) === undefined) startPanels(queryClient, panelsFor(areas, role))
}

/** The menu key to highlight for a URL path: the longest menu path that prefixes it. */
export const selectedMenuKey = (items: readonly AreaMenuItem[], pathname: string): string | undefined => {
  const p = pathname.replace(/^\/+/, "")
  return items
    .map((m) => m.path)
    .filter((mp) => p === mp || p.startsWith(`${mp}/`))
    .sort((a, b) => b.length - a.length)[0]
}
