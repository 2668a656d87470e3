import { Card, Col, Empty, Result, Row, Typography } from "antd"
import { Suspense, useMemo } from "react"
import { useI18n } from "../i18n/I18nProvider"
import { useAreas } from "./areas-context"
import { useSession } from "./auth"
import { componentOf } from "./code"
import { ErrorBoundary } from "./ErrorBoundary"
import { Page } from "./Page"
import { panelsFor } from "./registry"
import { Loading } from "./states"

/** The dashboard is only a frame: every area contributes panels through the registry. */
const DashboardPage = () => {
  const { t } = useI18n()
  const { session } = useSession()
  const areas = useAreas()
  const role = session?.user.role
  const panels = useMemo(() => (role ? panelsFor(areas, role) : []), [areas, role])
  if (!session) return null
  return (
    <Page title={t("dashboard.title")}>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t("dashboard.welcome", { name: session.user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t("dashboard.scope", { org: session.user.orgName })}
        </Typography.Text>
      </Card>
      {panels.length === 0 ? (
        <Empty description={t("dashboard.noPanels")} />
      ) : (
        <Row gutter={[16, 16]}>
          {panels.map((p) => {
            // Its code was started with its reads (`startPanels`): drawn at once when it has arrived.
            const Panel = componentOf(p.load)
            return (
              <Col key={p.key} xs={24} xl={p.span}>
                <Card title={t(p.title)} data-testid={`panel-${p.key}`}>
                  <ErrorBoundary
                    fallback={() => <Result status="warning" subTitle={t("dashboard.panelFailed")} />}
                  >
                    <Suspense fallback={<Loading />}>
                      <Panel />
                    </Suspense>
                  </ErrorBoundary>
                </Card>
              </Col>
            )
          })}
        </Row>
      )}
    </Page>
  )
}

export default DashboardPage
