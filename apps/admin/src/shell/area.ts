import type { QueryKey } from "@tanstack/react-query"
import type { ComponentType } from "react"
import type { Role } from "../api/types"
import type { Catalog, MessageKey } from "../i18n/messages"

/** A lazily loaded page or panel: the module is fetched the first time it is shown. */
export type Load<P = object> = () => Promise<{ default: ComponentType<P> }>

export interface AreaRoute {
  /** Relative to the app root, react-router syntax: `members/:id`. */
  readonly path: string
  readonly load: Load
  /** Roles that may open the page; everyone when absent. The API enforces the same on its side. */
  readonly roles?: readonly Role[]
}

export interface AreaMenuItem {
  /** The route the item opens; also the menu key. */
  readonly path: string
  readonly label: MessageKey
  readonly icon: ComponentType
  /** Lower comes first; the dashboard is 0. */
  readonly order: number
  readonly roles?: readonly Role[]
}

/**
 * The heading an area's menu entries stand under (desktop and phone alike), so the side menu reads by area
 * rather than as one list of every page. An area whose role sees a single entry shows it without a heading.
 */
export interface AreaMenuGroup {
  readonly label: MessageKey
  /** Where the area's entries stand among the others; lower comes first (the dashboard is 0). */
  readonly order: number
}

/** One read a panel makes as it mounts: the key and function it passes to `useQuery`. */
export interface PanelQuery {
  readonly queryKey: QueryKey
  readonly queryFn: () => Promise<unknown>
}

export interface DashboardPanel {
  readonly key: string
  readonly title: MessageKey
  readonly load: Load
  /**
   * The reads the panel makes as it mounts — the very options it passes to `useQuery`, so the two cannot
   * drift — for the dashboard to start as soon as it knows the user's role, while the panel's code is still
   * loading, instead of one after the other. Optional: a panel without it reads when it mounts.
   */
  readonly queries?: () => readonly PanelQuery[]
  /** Grid columns out of 24 on wide screens. */
  readonly span: number
  readonly order: number
  readonly roles?: readonly Role[]
}

/**
 * What one area of party work (organization, development, discipline, education, care, …) adds to
 * the admin. A new area is a folder under `src/pages/<area>/` whose `index.ts` exports one of these,
 * listed once in `src/areas.ts`, with its strings in `src/pages/<area>/locales/` (zh-CN.ts, en.ts).
 */
export interface Area {
  readonly id: string
  /** The area's strings per language, merged into the admin's catalog; keys must not clash with others'. */
  readonly messages: Catalog
  readonly routes: readonly AreaRoute[]
  readonly menu: readonly AreaMenuItem[]
  /** The heading of the area's menu entries; without one they stand alone, each by its own order. */
  readonly menuGroup?: AreaMenuGroup
  readonly dashboardPanels: readonly DashboardPanel[]
  /** Entries of the account menu (top right), above sign-out: the user's own settings, e.g. the calendar feed. */
  readonly userMenu?: readonly AreaMenuItem[]
  /** Pages anyone may open without signing in (an activation page), outside the signed-in frame. */
  readonly publicRoutes?: readonly AreaRoute[]
  /** The page a role lands on instead of the dashboard (a `member` opens their own record). */
  readonly homes?: Partial<Record<Role, string>>
}

export const defineArea = (area: Area): Area => area
