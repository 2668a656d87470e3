import { ApartmentOutlined, BankOutlined, TeamOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { Card, Col, Empty, Row, Space, Tag, Tree, Typography } from "antd"
import type { DataNode, EventDataNode } from "antd/es/tree"
import { type Key, useEffect, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { endpoints } from "../../api/endpoints"
import type { Org } from "../../api/types"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { DEFAULT_PAGE_SIZE } from "../members/filter"
import { MemberTable } from "../members/MemberTable"

interface OrgNode extends DataNode {
  readonly org: Org
  children?: OrgNode[]
}

const setChildren = (nodes: OrgNode[], key: string, children: OrgNode[]): OrgNode[] =>
  nodes.map((n) =>
    n.key === key
      ? { ...n, children }
      : n.children
        ? { ...n, children: setChildren(n.children, key, children) }
        : n,
  )

/** 组织架构: the scope's tree, loaded one level at a time (a district has thousands of branches). */
const OrgTreePage = () => {
  const { t, td } = useI18n()
  const queryClient = useQueryClient()
  const [search, setSearch] = useSearchParams()
  const selectedId = search.get("org") ?? undefined
  const page = Number(search.get("page") ?? "1") || 1
  const pageSize = Number(search.get("pageSize") ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE
  const root = useQuery({ queryKey: ["orgs", "root"], queryFn: endpoints.rootOrg })
  const selected = useQuery({
    queryKey: ["orgs", selectedId],
    queryFn: () => endpoints.org(selectedId ?? ""),
    enabled: selectedId !== undefined,
  })
  const [treeData, setTreeData] = useState<OrgNode[]>([])
  const [expanded, setExpanded] = useState<Key[]>([])

  const toNode = (org: Org): OrgNode => ({
    key: org.id,
    org,
    // A 党支部 never has sub-organizations (core's allowedParents); anything else may, and is asked.
    isLeaf: org.kind === "branch" || org.kind === "party-group",
    icon:
      org.kind === "branch" ? (
        <TeamOutlined />
      ) : org.kind === "district-committee" ? (
        <BankOutlined />
      ) : (
        <ApartmentOutlined />
      ),
    title: (
      <span data-testid={`org-node-${org.id}`}>
        {org.name}
        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
          {org.memberCount}
        </Typography.Text>
      </span>
    ),
  })

  useEffect(() => {
    if (root.data && treeData.length === 0) {
      setTreeData([toNode(root.data)])
      setExpanded([root.data.id])
    }
  }, [root.data, treeData.length])

  const loadData = async (node: EventDataNode<OrgNode>) => {
    if (node.children?.length) return
    const id = String(node.key)
    const { items } = await queryClient.fetchQuery({
      queryKey: ["orgs", id, "children"],
      queryFn: () => endpoints.orgChildren(id),
    })
    setTreeData((d) => setChildren(d, id, items.map(toNode)))
  }

  if (root.error) return <ErrorState error={root.error} onRetry={() => root.refetch()} />
  if (!root.data) return <Loading />

  const current = selected.data
  const select = (id: string | undefined) => setSearch(id ? { org: id } : {})

  return (
    <Page title={t("orgs.title")}>
      <Row gutter={16}>
        <Col xs={24} lg={8} xxl={6}>
          <Card
            title={t("orgs.tree")}
            styles={{ body: { padding: 12, maxHeight: "calc(100vh - 220px)", overflow: "auto" } }}
          >
            <Tree<OrgNode>
              data-testid="org-tree"
              showIcon
              blockNode
              treeData={treeData}
              loadData={loadData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys)}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => select(keys[0] === undefined ? undefined : String(keys[0]))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16} xxl={18}>
          {selectedId === undefined ? (
            <Card>
              <Empty description={t("orgs.pickHint")} />
            </Card>
          ) : selected.error ? (
            <ErrorState error={selected.error} />
          ) : (
            <Card
              data-testid="org-members"
              title={current ? t("orgs.membersOf", { org: current.name }) : t("common.loading")}
              extra={
                current ? (
                  <Space size="small">
                    <Tag>{td(`orgKind.${current.kind}`, current.kind)}</Tag>
                    <Tag>
                      {t("orgs.childCount")} {current.childCount}
                    </Tag>
                    <Tag color="red">
                      {t("orgs.memberCount")} {current.memberCount}
                    </Tag>
                  </Space>
                ) : null
              }
            >
              <MemberTable
                filter={{ orgId: selectedId, page, pageSize }}
                onPage={(p, size) =>
                  setSearch({
                    org: selectedId,
                    ...(p > 1 ? { page: String(p) } : {}),
                    ...(size !== DEFAULT_PAGE_SIZE ? { pageSize: String(size) } : {}),
                  })
                }
              />
            </Card>
          )}
        </Col>
      </Row>
    </Page>
  )
}

export default OrgTreePage
