import { FileExcelOutlined, SearchOutlined } from "@ant-design/icons"
import { useQuery } from "@tanstack/react-query"
import { App, Button, Card, Flex, Input, Select, Tag } from "antd"
import { useEffect, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { download } from "../../api/download"
import type { MemberFilter } from "../../api/endpoints"
import { endpoints } from "../../api/endpoints"
import { type Stage, stages } from "../../api/types"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { problemMessage } from "../../shell/states"
import { filterFromSearch, filterToSearch } from "./filter"
import { MemberTable } from "./MemberTable"

const MemberListPage = () => {
  const { t, td, locale } = useI18n()
  const { message } = App.useApp()
  const [search, setSearch] = useSearchParams()
  const filter = filterFromSearch(search)
  const [text, setText] = useState(filter.q ?? "")
  useEffect(() => setText(filter.q ?? ""), [filter.q])

  const org = useQuery({
    queryKey: ["orgs", filter.orgId],
    queryFn: () => endpoints.org(filter.orgId ?? ""),
    enabled: filter.orgId !== undefined,
  })

  const [exporting, setExporting] = useState(false)
  const exportList = async () => {
    setExporting(true)
    try {
      const name = await download(
        endpoints.membersExportPath({ orgId: filter.orgId, stage: filter.stage, q: filter.q }),
        locale,
        "党员名册.xlsx",
      )
      message.success(t("members.exported", { name }))
    } catch (e) {
      message.error(t("members.exportFailed", { reason: problemMessage(e, String(e)) }))
    } finally {
      setExporting(false)
    }
  }

  const update = (patch: Partial<MemberFilter>) =>
    setSearch(new URLSearchParams(filterToSearch({ ...filter, page: 1, ...patch })))

  return (
    <Page
      title={t("members.title")}
      extra={
        <Button
          icon={<FileExcelOutlined />}
          loading={exporting}
          onClick={exportList}
          data-testid="export-members"
        >
          {t("members.export")}
        </Button>
      }
    >
      <Card>
        <Flex wrap gap="middle" style={{ marginBottom: 16 }}>
          <Input.Search
            data-testid="member-search"
            allowClear
            enterButton={
              <span>
                <SearchOutlined /> {t("common.search")}
              </span>
            }
            placeholder={t("members.searchPlaceholder")}
            // Shrinks on a phone rather than pushing the page wider than the screen.
            style={{ flex: "0 1 360px", minWidth: 0 }}
            value={text}
            maxLength={50}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
          />
          <Select<Stage | "">
            data-testid="stage-filter"
            aria-label={t("members.stageFilter")}
            style={{ width: 180 }}
            value={filter.stage ?? ""}
            onChange={(v) => update({ stage: v === "" ? undefined : v })}
            options={[
              { value: "", label: t("members.allStages") },
              ...stages.map((s) => ({ value: s, label: td(`stage.${s}`, s) })),
            ]}
          />
          {filter.orgId ? (
            <Tag
              closable
              onClose={() => update({ orgId: undefined })}
              color="red"
              style={{ padding: "4px 8px" }}
            >
              {t("members.filteredByOrg", { org: org.data?.name ?? filter.orgId })}
            </Tag>
          ) : null}
        </Flex>
        <MemberTable filter={filter} onPage={(page, pageSize) => update({ page, pageSize })} />
      </Card>
    </Page>
  )
}

export default MemberListPage
