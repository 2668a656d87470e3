import { DashboardOutlined, DownOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons"
import { App as AntApp, Avatar, Dropdown, Flex, Layout, Menu, Space, Typography } from "antd"
import { Suspense } from "react"
import { Navigate, Outlet, useLocation, useNavigate } from "react-router-dom"
import { useI18n } from "../i18n/I18nProvider"
import { useAreas } from "./areas-context"
import { useSession } from "./auth"
import { ErrorBoundary } from "./ErrorBoundary"
import { LanguageSwitch } from "./LanguageSwitch"
import { menuFor, selectedMenuKey } from "./registry"
import { ErrorState, Loading } from "./states"

const { Header, Sider, Content, Footer } = Layout

/** The signed-in frame: side menu from the area registry, header with language and account. */
export const AppLayout = () => {
  const { t, td } = useI18n()
  const { session, error, refetch, logout } = useSession()
  const location = useLocation()
  const navigate = useNavigate()
  const { message } = AntApp.useApp()
  const areas = useAreas()

  if (session === undefined)
    return error ? <ErrorState error={error} onRetry={() => refetch()} /> : <Loading />
  if (session === null)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />

  const { user } = session
  const items = menuFor(areas, user.role)
  const selected = location.pathname === "/" ? "" : (selectedMenuKey(items, location.pathname) ?? "")

  const doLogout = async () => {
    await logout().catch(() => undefined)
    message.success(t("auth.loggedOut"))
    navigate("/login", { replace: true })
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider width={216} breakpoint="lg" collapsedWidth={64} theme="dark" className="xf-sider">
        <div className="xf-brand">
          <span className="xf-brand-mark">★</span>
          <span className="xf-brand-text">{t("app.shortTitle")}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          data-testid="side-menu"
          onClick={({ key }) => navigate(`/${key}`)}
          items={[
            { key: "", icon: <DashboardOutlined />, label: t("menu.dashboard") },
            ...items.map((m) => ({ key: m.path, icon: <m.icon />, label: t(m.label) })),
          ]}
        />
      </Sider>
      <Layout>
        <Header className="xf-header">
          <Typography.Text strong className="xf-header-title">
            {t("app.subtitle")}
          </Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  {
                    key: "logout",
                    icon: <LogoutOutlined />,
                    label: <span data-testid="logout">{t("auth.logout")}</span>,
                    onClick: doLogout,
                  },
                ],
              }}
            >
              <Flex
                align="center"
                gap={8}
                className="xf-user"
                style={{ cursor: "pointer" }}
                data-testid="user-menu"
              >
                <Avatar size="small" icon={<UserOutlined />} style={{ background: "#c8161d" }} />
                <span>
                  {user.displayName}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {td(`role.${user.role}`, user.role)} · {user.orgName}
                  </Typography.Text>
                </span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Flex>
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
