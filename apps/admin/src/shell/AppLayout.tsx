import { DashboardOutlined, DownOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons"
import { useQueryClient } from "@tanstack/react-query"
import { App as AntApp, Avatar, Button, Dropdown, Layout, Menu, Space, Typography } from "antd"
import { Suspense, useEffect, useRef, useState } from "react"
import { Navigate, Outlet, useLocation, useNavigate } from "react-router-dom"
import { useScreens } from "../components/screens"
import { useI18n } from "../i18n/I18nProvider"
import { useAreas } from "./areas-context"
import { useSession } from "./auth"
import { ErrorBoundary } from "./ErrorBoundary"
import { LanguageSwitch } from "./LanguageSwitch"
import { menuFor, menuTreeFor, selectedMenuKey, userMenuFor } from "./registry"
import { ErrorState, Loading } from "./states"

const { Header, Sider, Content, Footer } = Layout

/** The signed-in frame: side menu from the area registry, header with language and account. */
export const AppLayout = () => {
  const { t, td, locale } = useI18n()
  const { session, error, refetch, logout } = useSession()
  const location = useLocation()
  const navigate = useNavigate()
  const { message } = AntApp.useApp()
  const areas = useAreas()
  const screens = useScreens()
  // Below md (a phone) the side menu folds away entirely and the header keeps only the avatar: the name,
  // role and branch move into the account menu, so nothing pushes the page wider than the screen.
  const phone = screens.md === false
  const [collapsed, setCollapsed] = useState<boolean | undefined>(undefined)
  // The API writes step names, verdicts and labels in the reader's language: a new language refetches them.
  const queryClient = useQueryClient()
  const shownLocale = useRef(locale)
  useEffect(() => {
    if (shownLocale.current === locale) return
    shownLocale.current = locale
    void queryClient.invalidateQueries()
  }, [locale, queryClient])

  if (session === undefined)
    return error ? <ErrorState error={error} onRetry={() => refetch()} /> : <Loading />
  if (session === null)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />

  const { user } = session
  const items = menuFor(areas, user.role)
  const tree = menuTreeFor(areas, user.role)
  const accountItems = userMenuFor(areas, user.role)
  const selected = location.pathname === "/" ? "" : (selectedMenuKey(items, location.pathname) ?? "")

  const doLogout = async () => {
    await logout().catch(() => undefined)
    message.success(t("auth.loggedOut"))
    navigate("/login", { replace: true })
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider
        width={216}
        breakpoint="lg"
        collapsedWidth={phone ? 0 : 64}
        collapsed={collapsed ?? !screens.lg}
        onCollapse={(c) => setCollapsed(c)}
        collapsible={phone}
        theme="dark"
        className="xf-sider"
        zeroWidthTriggerStyle={{ top: 12 }}
      >
        <div className="xf-brand">
          <span className="xf-brand-mark">★</span>
          {(collapsed ?? !screens.lg) ? null : <span className="xf-brand-text">{t("app.shortTitle")}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          data-testid="side-menu"
          onClick={({ key }) => {
            navigate(`/${key}`)
            // On a phone the menu covers the page: it folds away once a page is chosen.
            if (phone) setCollapsed(true)
          }}
          items={[
            { key: "", icon: <DashboardOutlined />, label: t("menu.dashboard") },
            // Each area's pages under its heading (antd item groups): on a phone too, the list reads by area.
            ...tree.map((e) =>
              e.kind === "item"
                ? { key: e.item.path, icon: <e.item.icon />, label: t(e.item.label) }
                : {
                    type: "group" as const,
                    key: e.key,
                    label: <span data-testid={`menu-${e.key.replace(":", "-")}`}>{t(e.label)}</span>,
                    children: e.items.map((m) => ({ key: m.path, icon: <m.icon />, label: t(m.label) })),
                  },
            ),
          ]}
        />
      </Sider>
      <Layout>
        <Header className={phone ? "xf-header xf-header-phone" : "xf-header"}>
          <Typography.Text strong className="xf-header-title">
            {phone ? t("app.shortTitle") : t("app.subtitle")}
          </Typography.Text>
          <Space size={phone ? "small" : "middle"}>
            <LanguageSwitch compact={phone} />
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  ...(phone
                    ? [
                        {
                          key: "who",
                          disabled: true,
                          label: (
                            <span data-testid="user-who">
                              {user.displayName}
                              <br />
                              {td(`role.${user.role}`, user.role)} · {user.orgName}
                            </span>
                          ),
                        },
                        { type: "divider" as const },
                      ]
                    : []),
                  ...accountItems.map((m) => ({
                    key: m.path,
                    icon: <m.icon />,
                    label: <span data-testid={`user-menu-${m.path.replaceAll("/", "-")}`}>{t(m.label)}</span>,
                    onClick: () => navigate(`/${m.path}`),
                  })),
                  ...(accountItems.length > 0 ? [{ type: "divider" as const }] : []),
                  {
                    key: "logout",
                    icon: <LogoutOutlined />,
                    label: <span data-testid="logout">{t("auth.logout")}</span>,
                    onClick: doLogout,
                  },
                ],
              }}
            >
              {/* A button, so Tab reaches it and Enter opens the account menu with its sign-out. */}
              <Button type="text" className="xf-user" data-testid="user-menu" aria-label={t("auth.account")}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: "#c8161d" }} />
                {phone ? null : (
                  <span>
                    {user.displayName}
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {td(`role.${user.role}`, user.role)} · {user.orgName}
                    </Typography.Text>
                  </span>
                )}
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="xf-content">
          <ErrorBoundary key={location.pathname} fallback={(e) => <ErrorState error={e} />}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
        <Footer className="xf-footer">{t("app.footer")}</Footer>
      </Layout>
    </Layout>
  )
}

export default AppLayout
