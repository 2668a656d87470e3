import { useQuery } from "@tanstack/react-query"
import type {
  CampaignView,
  CommendationResultView,
  MedalView,
  NominationView,
} from "@xianfeng/api/contract/care"
import { App, Button, Card, Empty, Flex, InputNumber, Select, Space, Tabs, Tag, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useState } from "react"
import { endpoints } from "../../api/endpoints"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { careApi, careExports, download } from "./api"
import { AwardMedal, Nominate, NominationSteps, StartCampaign, StartNotice } from "./CommendationForms"

type Quota = CampaignView["quotas"][number]
type MedalRow = MedalView["items"][number]

const Campaigns = () => {
  const { t } = useI18n()
  const { session } = useSession()
  const role = session?.user.role
  const organizer = role === "district-admin" || role === "committee-officer"
  const recorder = organizer || role === "branch-secretary"
  const campaigns = useQuery({ queryKey: ["care", "campaigns"], queryFn: careApi.campaigns })
  const [chosen, setChosen] = useState<string | undefined>()
  const [starting, setStarting] = useState(false)
  const [nominating, setNominating] = useState(false)
  const campaign = campaigns.data?.items.find((c) => c.id === chosen) ?? campaigns.data?.items[0]
  const nominations = useQuery({
    queryKey: ["care", "nominations", campaign?.id],
    queryFn: () => careApi.nominations(campaign?.id as string),
    enabled: campaign !== undefined,
  })
  const start = organizer ? (
    <>
      <Button type="primary" onClick={() => setStarting(true)} data-testid="care-start-campaign">
        {t("care.startCampaign")}
      </Button>
      <StartCampaign open={starting} onClose={() => setStarting(false)} />
    </>
  ) : null
  if (!campaigns.isLoading && campaign === undefined)
    return (
      <Space direction="vertical" style={{ width: "100%" }}>
        {start}
        <Empty description={t("care.empty")} />
      </Space>
    )
  const quotaColumns: ColumnsType<Quota> = [
    { title: t("care.org"), dataIndex: "orgName", ellipsis: true },
    { title: t("care.quota"), dataIndex: "quota", width: 80 },
    {
      title: t("care.used"),
      dataIndex: "used",
      width: 90,
      render: (n: number, q) => <Tag color={n >= q.quota ? "orange" : "default"}>{n}</Tag>,
    },
  ]
  const nominationColumns: ColumnsType<NominationView> = [
    { title: t("care.name"), dataIndex: "name", width: 140 },
    {
      title: t("care.category"),
      dataIndex: "title",
      render: (x: string) => t(`care.title.${x}` as MessageKey),
    },
    { title: t("care.org"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("care.nominationStage"),
      dataIndex: "stage",
      width: 130,
      // On notice past the notice's last day: the notice is over and approval is awaited, not "on notice".
      render: (s: string, n: NominationView) =>
        n.noticeOver ? (
          <Tag color="gold" data-testid="care-stage-notice-over">
            {t("care.stage.noticeOver")}
          </Tag>
        ) : (
          <Tag color={s === "approved" ? "green" : "default"}>
            {t(`care.stage.${s}` as MessageKey)}
            {s === "approved" && n.approvedOn !== null ? ` ${n.approvedOn}` : ""}
          </Tag>
        ),
    },
    ...(organizer
      ? [
          {
            title: t("care.actions"),
            key: "steps",
            render: (_: unknown, n: NominationView) => <NominationSteps nomination={n} />,
          },
        ]
      : []),
  ]
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Flex gap={8} wrap>
        <Select
          style={{ width: "100%", maxWidth: 420 }}
          value={campaign?.id}
          onChange={setChosen}
          options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
          aria-label={t("care.campaigns")}
        />
        {start}
      </Flex>
      {campaign === undefined ? null : (
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">
            {t("care.notice")}：{campaign.noticeStartsOn ?? "—"} ~ {campaign.noticeEndsOn ?? "—"}
          </Typography.Text>
          {organizer ? <StartNotice campaign={campaign} /> : null}
        </Flex>
      )}
      <Card size="small" title={t("care.quota")}>
        <XfTable<Quota>
          rowKey="orgId"
          columns={quotaColumns}
          dataSource={campaign?.quotas ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
        />
      </Card>
      <Card
        size="small"
        title={t("care.nominations")}
        extra={
          recorder && campaign !== undefined ? (
            <Button size="small" onClick={() => setNominating(true)} data-testid="care-nominate">
              {t("care.nominate")}
            </Button>
          ) : null
        }
      >
        {campaign === undefined ? null : (
          <Nominate campaign={campaign} open={nominating} onClose={() => setNominating(false)} />
        )}
        <XfTable<NominationView>
          rowKey="id"
          columns={nominationColumns}
          dataSource={nominations.data?.items ?? []}
          loading={nominations.isLoading}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: t("care.empty") }}
        />
      </Card>
    </Space>
  )
}

const Medal = () => {
  const { t } = useI18n()
  const { session } = useSession()
  const organizer = session?.user.role === "district-admin" || session?.user.role === "committee-officer"
  const [year, setYear] = useState(new Date().getFullYear())
  const medal = useQuery({ queryKey: ["care", "medal", year], queryFn: () => careApi.medal({ year }) })
  const columns: ColumnsType<MedalRow> = [
    { title: t("care.name"), dataIndex: "name", width: 100 },
    { title: t("care.org"), dataIndex: "orgName", ellipsis: true },
    { title: t("care.fullMemberOn"), dataIndex: "fullMemberOn", width: 110 },
    { title: t("care.partyAge"), dataIndex: "partyAge", width: 100 },
    {
      title: t("care.progress"),
      key: "v",
      render: (_: unknown, r) => (
        <Tag
          color={r.verdict.status === "ok" ? "green" : r.verdict.status === "allowed" ? "gold" : "default"}
        >
          {r.verdict.message}
        </Tag>
      ),
    },
    {
      title: t("care.standing"),
      key: "bars",
      render: (_: unknown, r) =>
        r.standingBars.map((b) => (
          <Tag key={b} color="orange">
            {t(`care.bar.${b}` as MessageKey)}
          </Tag>
        )),
    },
    ...(organizer
      ? [
          {
            title: t("care.actions"),
            key: "award",
            width: 100,
            render: (_: unknown, r: MedalRow) =>
              r.verdict.code === "MEDAL-50.eligible" ? (
                <AwardMedal memberId={r.memberId} year={year} />
              ) : null,
          },
        ]
      : []),
  ]
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <InputNumber
        aria-label={t("care.year")}
        addonBefore={t("care.year")}
        min={2021}
        max={2099}
        value={year}
        onChange={(v) => setYear(v ?? year)}
      />
      <XfTable<MedalRow>
        rowKey="memberId"
        columns={columns}
        dataSource={medal.data?.items ?? []}
        loading={medal.isLoading}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t("care.empty") }}
      />
    </Space>
  )
}

/** 表彰结果: the approved commendations by year, the references for assessments and cadre decisions, with export. */
const Results = () => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const [year, setYear] = useState<number | undefined>()
  const results = useQuery({ queryKey: ["care", "results", year], queryFn: () => careApi.results({ year }) })
  const root = useQuery({ queryKey: ["orgs", "root"], queryFn: endpoints.rootOrg })
  const columns: ColumnsType<CommendationResultView> = [
    { title: t("care.year"), dataIndex: "year", width: 70 },
    {
      title: t("care.category"),
      dataIndex: "title",
      width: 170,
      render: (x: string) => t(`care.title.${x}` as MessageKey),
    },
    { title: t("care.name"), dataIndex: "name", width: 140, ellipsis: true },
    { title: t("care.nominatedBy"), dataIndex: "orgName", ellipsis: true },
    { title: t("care.campaign"), dataIndex: "campaignTitle", ellipsis: true },
    { title: t("care.campaignOrg"), dataIndex: "campaignOrgName", ellipsis: true },
    {
      // The day it was approved; one approved before the day was kept shows its notice instead, so marked.
      title: t("care.approvedOn"),
      key: "approvedOn",
      width: 130,
      render: (_: unknown, r) =>
        r.approvedOn !== null ? (
          <span className="mono">{r.approvedOn}</span>
        ) : (
          <Typography.Text type="secondary">
            {t("care.approvedOnUnknown", {
              notice: r.noticeStartsOn === null ? "—" : `${r.noticeStartsOn} ~ ${r.noticeEndsOn ?? "—"}`,
            })}
          </Typography.Text>
        ),
    },
  ]
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Text type="secondary">{t("care.resultsHint")}</Typography.Text>
      <Flex gap={8} wrap align="center">
        <InputNumber
          aria-label={t("care.year")}
          addonBefore={t("care.year")}
          placeholder={t("care.allYears")}
          min={1950}
          max={2099}
          value={year ?? null}
          onChange={(v) => setYear(v ?? undefined)}
        />
        <Button
          data-testid="care-results-export"
          onClick={async () => {
            try {
              const name = await download(careExports.results(year), locale, "commendations.xlsx")
              message.success(`${t("care.exported")}：${name}`)
            } catch (e) {
              message.error(String((e as Error).message))
            }
          }}
        >
          {t("care.export")}
        </Button>
      </Flex>
      <XfTable<CommendationResultView>
        rowKey="nominationId"
        columns={columns}
        dataSource={[...(results.data?.items ?? [])]}
        loading={results.isLoading}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{
          // Nothing approved is the usual state of a branch before July: say so, and where results come from.
          emptyText: (
            <Empty
              data-testid="care-results-empty"
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <Space direction="vertical" size={4}>
                  <Typography.Text>
                    {year === undefined
                      ? t("care.resultsNone", { org: root.data?.name ?? "" })
                      : t("care.resultsNoneYear", { org: root.data?.name ?? "", year })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t("care.resultsWhere")}</Typography.Text>
                </Space>
              }
            />
          ),
        }}
      />
    </Space>
  )
}

/** 表彰与纪念章: July-1 commendation campaigns (quotas and nominations) and the 50-year medal list. */
const CommendationsPage = () => {
  const { t } = useI18n()
  return (
    <Page title={t("care.commendations")}>
      <Tabs
        items={[
          { key: "campaigns", label: t("care.campaigns"), children: <Campaigns /> },
          { key: "results", label: t("care.results"), children: <Results /> },
          { key: "medal", label: t("care.medal"), children: <Medal /> },
        ]}
      />
    </Page>
  )
}

export default CommendationsPage
