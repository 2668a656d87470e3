import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { Roster } from "@xianfeng/api/contract/education"
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Popconfirm, Select, Space, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import { useEffect, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { OrgPicker } from "../../components/OrgPicker"
import { XfTable } from "../../components/XfTable"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, problemMessage } from "../../shell/states"
import { download, educationApi, educationExports } from "./api"
import { statusColor } from "./ClassesPage"
import { formatHours } from "./hours"

type RosterMember = Roster["members"][number]

/** One class: its sessions, enrolment by organization, the attendance tick list per session, closing. */
const ClassPage = () => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const { id = "" } = useParams()
  const queryClient = useQueryClient()
  const roster = useQuery({ queryKey: ["education", "class", id], queryFn: () => educationApi.roster(id) })
  const [sessionId, setSessionId] = useState<string | undefined>()
  const [ticked, setTicked] = useState<string[]>([])
  const [enrolOrg, setEnrolOrg] = useState<string | undefined>()
  const data = roster.data
  useEffect(() => {
    if (data && sessionId === undefined) setSessionId(data.class.sessions[0]?.id)
  }, [data, sessionId])
  useEffect(() => {
    if (data && sessionId)
      setTicked(data.members.filter((m) => m.present.includes(sessionId)).map((m) => m.id))
  }, [data, sessionId])
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["education"] })
  const onError = (e: unknown) => message.error(problemMessage(e, "error"))
  const enrol = useMutation({
    // Without a choice, the class's own audience organization (or its organizer).
    mutationFn: () =>
      educationApi.enrol(id, {
        orgId:
          enrolOrg ??
          (data?.class.audience.kind === "subtree" ? data.class.audience.orgId : data?.class.orgId) ??
          "",
      }),
    onSuccess: async (r) => {
      message.success(t("education.enrolDone", { added: r.added, skipped: r.skipped }))
      await refresh()
    },
    onError,
  })
  const save = useMutation({
    mutationFn: () => educationApi.attendance(id, sessionId ?? "", ticked),
    onSuccess: async (r) => {
      message.success(t("education.attendanceSaved", { present: r.present }))
      await refresh()
    },
    onError,
  })
  const signIn = useMutation({
    mutationFn: async (file: File) => {
      const content = await new Promise<string>((resolve, reject) => {
        const r = new FileReader()
        r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""))
        r.onerror = () => reject(r.error)
        r.readAsDataURL(file)
      })
      return educationApi.signIn(id, sessionId ?? "", file.name, content)
    },
    onSuccess: async (r) => {
      message.success(t("education.attendanceSaved", { present: r.present }))
      await refresh()
    },
    onError,
  })
  const close = useMutation({
    mutationFn: () => educationApi.close(id, data?.class.version ?? 1),
    onSuccess: refresh,
    onError,
  })
  if (roster.error) return <ErrorState error={roster.error} onRetry={() => roster.refetch()} />
  if (!data) return <Loading />
  const c = data.class
  const columns: ColumnsType<RosterMember> = [
    {
      title: t("education.name"),
      dataIndex: "name",
      render: (name: string, m: RosterMember) => (
        <Link to={`/education/members/${m.id}`} data-testid="roster-member">
          {name}
        </Link>
      ),
    },
    { title: t("education.memberOrg"), dataIndex: "orgName", ellipsis: true },
    { title: t("education.hours"), dataIndex: "hours", width: 90, render: (h: number) => formatHours(h) },
  ]
  return (
    <Page
      title={c.title}
      extra={
        c.closed ? (
          <Tag>{t("education.classStatus.closed")}</Tag>
        ) : !c.organizedInScope ? null : (
          <Popconfirm title={t("education.closeConfirm")} onConfirm={() => close.mutate()}>
            <Button danger>{t("education.close")}</Button>
          </Popconfirm>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("education.org")}>{c.orgName}</Descriptions.Item>
        <Descriptions.Item label={t("education.state")}>
          <Tag color={statusColor[c.status]}>{t(`education.classStatus.${c.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("education.hours")}>{formatHours(c.hours)}</Descriptions.Item>
        <Descriptions.Item label={t("education.enrolled")}>{c.enrolled}</Descriptions.Item>
        <Descriptions.Item label={t("education.personTimes")}>
          <span data-testid="class-person-times">{c.personTimes}</span>
        </Descriptions.Item>
      </Descriptions>
      {!c.organizedInScope && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="class-seen-from-below"
          message={t("education.seenFromBelow", { org: c.orgName })}
        />
      )}
      {!c.closed && c.organizedInScope && (
        <Card size="small" title={t("education.enrolOrg")} style={{ marginBottom: 16 }}>
          <Flex gap={8} wrap>
            <OrgPicker value={enrolOrg} onChange={setEnrolOrg} testId="enrol-org" preselectBranch />
            <Button onClick={() => enrol.mutate()} loading={enrol.isPending} data-testid="enrol">
              {t("education.enrolOrg")}
            </Button>
          </Flex>
        </Card>
      )}
      <Card size="small" title={t("education.attendance")} style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Select
            style={{ width: "100%", maxWidth: 420 }}
            value={sessionId}
            onChange={setSessionId}
            placeholder={t("education.pickSession")}
            data-testid="session-select"
            options={c.sessions.map((s) => ({
              value: s.id,
              label: `${s.date} ${s.startTime}–${s.endTime} ${s.topic}（${formatHours(s.hours)}${t("education.hours")}，${s.present}）`,
            }))}
          />
          <Checkbox.Group
            value={ticked}
            onChange={(v) => setTicked(v as string[])}
            disabled={c.closed}
            style={{ display: "flex", flexWrap: "wrap", gap: 8 }}
            data-testid="attendance-ticks"
            options={data.members.map((m) => ({ value: m.id, label: m.name }))}
          />
          {!c.closed && (
            <Flex gap={8} wrap>
              <Button onClick={() => setTicked(data.members.map((m) => m.id))}>
                ✓ {data.members.length}
              </Button>
              <Button
                type="primary"
                onClick={() => save.mutate()}
                loading={save.isPending}
                disabled={!sessionId}
                data-testid="save-attendance"
              >
                {t("education.saveAttendance")}
              </Button>
              <Button
                loading={signIn.isPending}
                disabled={!sessionId}
                onClick={() => document.getElementById("sign-in-sheet")?.click()}
              >
                {t("education.importSheet")}
              </Button>
              <input
                id="sign-in-sheet"
                type="file"
                accept=".xlsx,.csv"
                hidden
                onChange={(e) => {
                  const file = e.target.files?.[0]
                  if (file) signIn.mutate(file)
                  e.target.value = ""
                }}
              />
            </Flex>
          )}
        </Space>
      </Card>
      <Card
        size="small"
        title={t("education.roster")}
        extra={
          <Button
            size="small"
            onClick={() => download(educationExports.roster(id), locale, "class-roster.xlsx").catch(onError)}
          >
            {t("education.exportRoster")}
          </Button>
        }
      >
        <XfTable<RosterMember>
          rowKey="id"
          columns={columns}
          dataSource={[...data.members]}
          pagination={{ pageSize: 50 }}
        />
      </Card>
    </Page>
  )
}

export default ClassPage
