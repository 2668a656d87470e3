import { ApartmentOutlined, BankOutlined, EditOutlined, PlusOutlined, TeamOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import { Button, Card, Col, Empty, Row, Space, Tag, Tree, Typography } from "antd"
import type { DataNode, EventDataNode } from "antd/es/tree"
import { type Key, useEffect, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { endpoints } from "../../api/endpoints"
import { mayManageCommittee, mayManageOrgs, type Org } from "../../api/types"
import { useI18n } from "../../i18n/I18nProvider"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading } from "../../shell/states"
import { DEFAULT_PAGE_SIZE } from "../members/filter"
import { MemberTable } from "../members/MemberTable"
import { CommitteeCard } from "./CommitteeCard"
import { CreateOrg, EditOrg } from "./OrgForms"
import { replaceOrg, setChildren } from "./tree"

interface OrgNode extends DataNode {
  readonly key: string
  readonly org: Org
  children?: OrgNode[]
}

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
  const { session } = useSession()
  const canManage = session ? mayManageOrgs(session.user.role) : false
  const [dialog, setDialog] = useState<"create" | "edit">()
  // Which kinds may sit under which comes from @xianfeng/core, loaded only for those who manage.
  const placement = useQuery({
    queryKey: ["core", "org-kinds"],
    queryFn: () => import("./kinds"),
    enabled: canManage,
    staleTime: Number.POSITIVE_INFINITY,
    structuralSharing: false,
  })

  const toNode = (org: Org): OrgNode => ({
    key: org.id,
    org,
    // The API counts sub-organizations, so only a node that has some can be expanded.
    isLeaf: org.childCount === 0,
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

  /**
   * After a change: drop what TanStack Query holds about organizations (the selected one and the
   * overview refetch), then read the given nodes and their children afresh into the tree.
   */
  const refreshNodes = async (ids: readonly string[]) => {
    await queryClient.invalidateQueries({ queryKey: ["orgs"] })
    await Promise.all(
      [...new Set(ids)].map(async (id) => {
        const [org, { items }] = await Promise.all([
          queryClient.fetchQuery({ queryKey: ["orgs", id], queryFn: () => endpoints.org(id) }),
          queryClient.fetchQuery({
            queryKey: ["orgs", id, "children"],
            queryFn: () => endpoints.orgChildren(id),
          }),
        ])
        setTreeData((d) => setChildren(replaceOrg(d, org, toNode), id, items.map(toNode)))
      }),
    )
  }

  if (root.error) return <ErrorState error={root.error} onRetry={() => root.refetch()} />
  if (!root.data) return <Loading />

  const current = selected.data
  const isScopeRoot = current !== undefined && current.id === root.data.id
  const childKinds = current && placement.data ? placement.data.kindsAllowedUnder(current.kind) : []
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
            <>
              {current && (current.kind === "branch" || current.kind === "general-branch") ? (
                <CommitteeCard
                  key={current.id}
                  org={current}
                  canEdit={session ? mayManageCommittee(session.user.role) : false}
                />
              ) : null}
              <Card
                data-testid="org-members"
                title={current ? t("orgs.membersOf", { org: current.name }) : t("common.loading")}
                extra={
                  current ? (
                    <Space size="small" wrap>
                      {canManage && childKinds.length > 0 ? (
                        <Button
                          size="small"
                          type="primary"
                          icon={<PlusOutlined />}
                          onClick={() => setDialog("create")}
                          data-testid="org-create-child"
                        >
                          {t("orgs.createChild")}
                        </Button>
                      ) : null}
                      {canManage && !isScopeRoot ? (
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setDialog("edit")}
                          data-testid="org-edit"
                        >
                          {t("orgs.edit")}
                        </Button>
                      ) : null}
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
            </>
          )}
        </Col>
      </Row>
      {current && canManage ? (
        <>
          <CreateOrg
            key={`create-${current.id}`}
            parent={current}
            kinds={childKinds}
            initialKind={placement.data?.defaultChildKind(current.kind)}
            open={dialog === "create"}
            onClose={() => setDialog(undefined)}
            onCreated={async () => {
              await refreshNodes([current.id])
              setExpanded((keys) => (keys.includes(current.id) ? keys : [...keys, current.id]))
            }}
          />
          <EditOrg
            key={`edit-${current.id}-${current.version}`}
            org={current}
            open={dialog === "edit"}
            onClose={() => setDialog(undefined)}
            onRefresh={() => void refreshNodes(current.parentId ? [current.parentId] : [current.id])}
            onSaved={async (before, after) => {
              setTreeData((d) => replaceOrg(d, after, toNode))
              const touched = [before.parentId, after.parentId].filter((p): p is string => p !== null)
              if (before.parentId !== after.parentId) {
                await queryClient.invalidateQueries({ queryKey: ["members"] })
                setExpanded((keys) => [...keys, ...touched.filter((k) => !keys.includes(k))])
              }
              await refreshNodes(touched.length > 0 ? touched : [after.id])
            }}
          />
        </>
      ) : null}
    </Page>
  )
}

export default OrgTreePage
