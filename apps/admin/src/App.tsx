import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query"
import { App as AntApp, ConfigProvider } from "antd"
import enUS from "antd/es/locale/en_US"
import zhCNAntd from "antd/es/locale/zh_CN"
import dayjs from "dayjs"
import "dayjs/locale/zh-cn"
import "dayjs/locale/en"
import { lazy, Suspense, useEffect, useState } from "react"
import { createBrowserRouter, Navigate, RouterProvider } from "react-router-dom"
import { ProblemError } from "./api/problem"
import type { Role } from "./api/types"
import { I18nProvider, useI18n } from "./i18n/I18nProvider"
import type { Area, Load } from "./shell/area"
import { AreasProvider } from "./shell/areas-context"
import { startSession, useSession } from "./shell/auth"
import { componentOf, loadOnce } from "./shell/code"
import {
  allowed,
  catalogOf,
  collectPublicRoutes,
  collectRoutes,
  homeFor,
  isPublicPath,
  routeAt,
  startDashboard,
} from "./shell/registry"
import { Forbidden, Loading, NotFound } from "./shell/states"

const LoginPage = lazy(() => import("./shell/LoginPage"))
const loadAppLayout: Load = () => import("./shell/AppLayout")
const AppLayout = lazy(() => loadOnce(loadAppLayout))
const loadDashboardPage: Load = () => import("./shell/DashboardPage")

/**
 * The dashboard's panels (their code and reads, `startDashboard`) and the code of its own frame, started
 * together as soon as the role is known, when the dashboard is the role's home. The frame's code is asked first:
 * the browser opens at most six connections to the server, and the panels' reads hold theirs until they are
 * answered, so code asked after them can wait for one, and nothing is drawn without the frame.
 */
const startHome = (queryClient: QueryClient, areas: readonly Area[], role: Role): void => {
  if (homeFor(areas, role) !== undefined) return
  void loadOnce(loadDashboardPage).catch(() => undefined)
  startDashboard(queryClient, areas, role)
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; network and 5xx errors get two more tries.
      retry: (count, error) =>
        count < 2 && !(error instanceof ProblemError && error.status >= 400 && error.status < 500),
    },
  },
})

/** Role-restricted pages render 403 for other roles instead of calling an API that will refuse. */
const Guard = ({ roles, load }: { roles: readonly Role[] | undefined; load: Load }) => {
  const { session } = useSession()
  if (!session) return null
  if (!allowed(roles, session.user.role)) return <Forbidden />
  // Drawn in this commit when its code is there (the first page's is started with the session, `App`).
  const Page = componentOf(load)
  return <Page />
}

/**
 * The dashboard, or the page an area names as the home of the user's role. The dashboard's panels (their code
 * and their reads) are started when the session answers (`App`, on the dashboard's address) and again here, for
 * a user who comes back to it: its own `Suspense` lets this component commit, and its effect run, before the
 * dashboard's code arrives.
 */
const Home = ({ areas }: { areas: readonly Area[] }) => {
  const { session } = useSession()
  const queryClient = useQueryClient()
  const role = session?.user.role
  const home = role === undefined ? undefined : homeFor(areas, role)
  useEffect(() => {
    if (role !== undefined) startHome(queryClient, areas, role)
  }, [areas, role, queryClient])
  if (!session) return null
  // Drawn in this component's own commit when its code is there already (started with the session's answer).
  const DashboardPage = componentOf(loadDashboardPage)
  return home === undefined ? (
    <Suspense fallback={<Loading />}>
      <DashboardPage />
    </Suspense>
  ) : (
    <Navigate to={`/${home}`} replace />
  )
}

/** The login page, then the signed-in frame around the dashboard and every area's pages. */
const routerFor = (areas: readonly Area[]) =>
  createBrowserRouter([
    {
      path: "/login",
      element: (
        <Suspense fallback={<Loading />}>
          <LoginPage />
        </Suspense>
      ),
    },
    ...collectPublicRoutes(areas).map((r) => {
      const Page = lazy(r.load)
      return {
        path: `/${r.path}`,
        element: (
          <Suspense fallback={<Loading />}>
            <Page />
          </Suspense>
        ),
      }
    }),
    {
      path: "/",
      element: (
        <Suspense fallback={<Loading />}>
          <AppLayout />
        </Suspense>
      ),
      children: [
        { index: true, element: <Home areas={areas} /> },
        ...collectRoutes(areas).map((r) => ({
          path: r.path,
          element: <Guard roles={r.roles} load={r.load} />,
        })),
        { path: "*", element: <NotFound /> },
      ],
    },
  ])

/** People who ask their system for less motion get no antd animations (WCAG 2.3.3). */
const prefersReducedMotion = (): boolean =>
  typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true

/** The dayjs locale of each interface language: antd's date pickers name months and weekdays with it. */
export const dayjsLocaleOf = (locale: string): string => (locale === "en" ? "en" : "zh-cn")

const Themed = ({ areas }: { readonly areas: readonly Area[] }) => {
  const { locale } = useI18n()
  // Set during render, before any picker renders, so every date picker of the app follows the language at once.
  dayjs.locale(dayjsLocaleOf(locale))
  // Made once: a new router would forget where the user is.
  const [router] = useState(() => routerFor(areas))
  return (
    <ConfigProvider
      locale={locale === "en" ? enUS : zhCNAntd}
      theme={{
        token: {
          motion: !prefersReducedMotion(),
          colorPrimary: "#c8161d",
          colorLink: "#b0141a",
          borderRadius: 4,
          fontFamily:
            '-apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
        },
        components: {
          Layout: {
            headerBg: "#fff",
            headerHeight: 56,
            headerPadding: "0 24px",
            footerPadding: "12px 24px 20px",
          },
        },
      }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  )
}

let started: Promise<void> | undefined

/**
 * Starts what the page at the address waits for, before React draws anything (`main.tsx` calls it ahead of
 * `render`; `App` calls it again for a host that renders it alone — once per page either way). Who is signed
 * in comes first for every page: it is asked at once, and on the dashboard's address its panels' code and
 * reads start as soon as the answer names the role. The code of the page at the address and of the signed-in
 * frame start loading beside it. A public page (activation) is for someone not signed in: it asks nothing.
 *
 * Resolves when the session's question has settled (answered, or failed: the frame shows that) and what it
 * starts has been started; never rejects.
 */
export const startEarly = (areas: readonly Area[]): Promise<void> => {
  if (started !== undefined) return started
  const path = window.location.pathname
  if (isPublicPath(areas, path)) {
    started = Promise.resolve()
    return started
  }
  // Asked before the code is: the browser's few connections to the server take it first.
  started = startSession(queryClient).then((session) => {
    if (session && window.location.pathname === "/") startHome(queryClient, areas, session.user.role)
  })
  if (path !== "/login") void loadOnce(loadAppLayout).catch(() => undefined)
  const page = routeAt(areas, path)
  if (page !== undefined) void loadOnce(page.load).catch(() => undefined)
  return started
}

/** The admin around the areas it is given (`src/areas.ts`, passed in by `main.tsx`). */
export const App = ({ areas }: { readonly areas: readonly Area[] }) => {
  const [catalog] = useState(() => catalogOf(areas))
  useEffect(() => {
    void startEarly(areas)
  }, [areas])
  return (
    <QueryClientProvider client={queryClient}>
      <AreasProvider areas={areas}>
        <I18nProvider catalog={catalog}>
          <Themed areas={areas} />
        </I18nProvider>
      </AreasProvider>
    </QueryClientProvider>
  )
}
