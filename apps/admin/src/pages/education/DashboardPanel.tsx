import { useQuery } from "@tanstack/react-query"
import { Button, List, Typography } from "antd"
import { Link } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"
import { ErrorState, Loading } from "../../shell/states"
import { featuredThreadsQuery } from "./api"

/** 书记话党建·优秀经验: the threads the organization department featured, newest first. */
const DashboardPanel = () => {
  const { t } = useI18n()
  const query = useQuery(featuredThreadsQuery())
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  if (!query.data) return <Loading />
  return (
    <div data-testid="education-panel">
      <List
        size="small"
        dataSource={[...query.data.items]}
        renderItem={(p) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/education/forum/${p.id}`}>{p.title}</Link>}
              description={
                <Typography.Text type="secondary" ellipsis>
                  {p.orgName} · {p.body}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      <Link to="/education/forum">
        <Button type="link" style={{ paddingLeft: 0 }}>
          {t("education.panelOpen")}
        </Button>
      </Link>
    </div>
  )
}

export default DashboardPanel
