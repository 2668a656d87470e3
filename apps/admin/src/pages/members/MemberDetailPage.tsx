import { ArrowLeftOutlined, EyeOutlined, LockOutlined } from "@ant-design/icons"
import { useMutation, useQuery } from "@tanstack/react-query"
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Timeline,
  Tooltip,
  Typography,
} from "antd"
import { useState } from "react"
import { useNavigate, useParams } from "react-router-dom"
import { endpoints } from "../../api/endpoints"
import { ProblemError, problemToFormErrors } from "../../api/problem"
import { type MemberDetail, mayRevealIdNumber, mayWriteMembers } from "../../api/types"
import { StageTag } from "../../components/StageTag"
import { useI18n } from "../../i18n/I18nProvider"
import type { MessageKey } from "../../i18n/messages"
import { useSession } from "../../shell/auth"
import { Page } from "../../shell/Page"
import { ErrorState, Loading, NotFound } from "../../shell/states"
import { EditMember } from "./EditMember"

const milestones: readonly [keyof MemberDetail, MessageKey][] = [
  ["appliedOn", "member.appliedOn"],
  ["activistOn", "member.activistOn"],
  ["developmentObjectOn", "member.developmentObjectOn"],
  ["admittedOn", "member.admittedOn"],
  ["fullMemberOn", "member.fullMemberOn"],
]

/**
 * Asks why the full number is needed, then shows it in a dialog only: never in the URL, the page or
 * the query cache, and gone once the dialog closes.
 */
const RevealIdNumber = ({ memberId, name }: { readonly memberId: string; readonly name: string }) => {
  const { t } = useI18n()
  const [form] = Form.useForm<{ reason: string }>()
  const [open, setOpen] = useState(false)
  const [idNumber, setIdNumber] = useState<string>()
  const [formError, setFormError] = useState<string>()
  const reveal = useMutation({ mutationFn: (reason: string) => endpoints.revealId(memberId, reason) })

  const close = () => {
    setOpen(false)
    setIdNumber(undefined)
    setFormError(undefined)
    form.resetFields()
    reveal.reset()
  }

  const submit = async () => {
    // A rejected validation is already shown on the form item; nothing to throw.
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    const { reason } = values
    setFormError(undefined)
    try {
      const r = await reveal.mutateAsync(reason.trim())
      setIdNumber(r.idNumber)
    } catch (e) {
      if (e instanceof ProblemError) {
        const { fields, other } = problemToFormErrors(e.problem, ["reason"])
        form.setFields(fields)
        setFormError(other.join("；") || undefined)
      } else setFormError(String(e))
    }
  }

  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-id">
        {t("member.reveal")}
      </Button>
      <Modal
        open={open}
        title={`${t("member.revealTitle")} · ${name}`}
        onCancel={close}
        destroyOnHidden
        maskClosable={false}
        footer={
          idNumber ? (
            <Button type="primary" onClick={close}>
              {t("common.close")}
            </Button>
          ) : (
            <Space>
              <Button onClick={close}>{t("common.cancel")}</Button>
              <Button type="primary" loading={reveal.isPending} onClick={submit} data-testid="reveal-submit">
                {t("common.confirm")}
              </Button>
            </Space>
          )
        }
      >
        {idNumber ? (
          <>
            <Typography.Text type="secondary">{t("member.revealResult")}</Typography.Text>
            <div className="mono" style={{ fontSize: 22, margin: "8px 0 16px" }} data-testid="revealed-id">
              {idNumber}
            </div>
            <Alert type="warning" showIcon message={t("member.revealResultNotice")} />
          </>
        ) : (
          <>
            <Alert type="info" showIcon message={t("member.revealNotice")} style={{ marginBottom: 16 }} />
            {formError ? (
              <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />
            ) : null}
            <Form form={form} layout="vertical">
              <Form.Item
                name="reason"
                label={t("member.revealReason")}
                rules={[
                  { required: true, whitespace: true, min: 4, message: t("member.revealReasonRequired") },
                ]}
              >
                <Input.TextArea
                  rows={3}
                  maxLength={200}
                  showCount
                  placeholder={t("member.revealReasonPlaceholder")}
                  data-testid="reveal-reason"
                />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </>
  )
}

const MemberDetailPage = () => {
  const { t, td } = useI18n()
  const { id = "" } = useParams()
  const navigate = useNavigate()
  const { session } = useSession()
  const query = useQuery({ queryKey: ["member", id], queryFn: () => endpoints.member(id) })

  if (query.error) {
    if (query.error instanceof ProblemError && (query.error.status === 404 || query.error.status === 400))
      return <NotFound />
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  }
  if (!query.data) return <Loading />
  const m = query.data
  const none = t("common.none")

  return (
    <Page
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(-1)}
            aria-label={t("common.back")}
          />
          <span data-testid="member-name">{m.name}</span>
          <StageTag stage={m.stage} />
        </Space>
      }
    >
      <Card
        title={t("member.basic")}
        style={{ marginBottom: 16 }}
        extra={
          session && mayWriteMembers(session.user.role) ? (
            <EditMember member={m} onReload={() => query.refetch()} />
          ) : null
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} bordered size="middle">
          <Descriptions.Item label={t("members.name")}>{m.name}</Descriptions.Item>
          <Descriptions.Item label={t("members.sex")}>{td(`sex.${m.sex}`, m.sex)}</Descriptions.Item>
          <Descriptions.Item label={t("members.birthDate")}>{m.birthDate}</Descriptions.Item>
          <Descriptions.Item label={t("member.ethnicity")}>
            {td(`ethnicity.${m.ethnicity}`, m.ethnicity)}
          </Descriptions.Item>
          <Descriptions.Item label={t("member.education")}>
            {td(`education.${m.education}`, m.education)}
          </Descriptions.Item>
          <Descriptions.Item label={t("member.occupationGroup")}>
            {m.occupationGroup ? td(`occupation.${m.occupationGroup}`, m.occupationGroup) : none}
          </Descriptions.Item>
          <Descriptions.Item label={t("members.org")}>{m.orgName}</Descriptions.Item>
          <Descriptions.Item label={t("member.status")}>
            {td(`status.${m.status}`, m.status)}
          </Descriptions.Item>
          <Descriptions.Item label={t("members.phone")}>
            <span className="mono">{m.phone ?? none}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("members.idNumber")} span={3}>
            <Space wrap>
              <Tooltip title={t("member.maskedHint")}>
                <LockOutlined style={{ color: "#8c8c8c" }} />
              </Tooltip>
              <span className="mono" data-testid="id-masked" style={{ fontSize: 15 }}>
                {m.idNumberMasked}
              </span>
              {session && mayRevealIdNumber(session.user.role) ? (
                <RevealIdNumber memberId={m.id} name={m.name} />
              ) : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("member.milestones")}>
        <Timeline
          items={milestones.map(([field, label]) => {
            const date = m[field] as string | null
            return {
              color: date ? "red" : "gray",
              children: (
                <Space>
                  <span style={{ minWidth: 240, display: "inline-block" }}>{t(label)}</span>
                  {date ? <span>{date}</span> : <Typography.Text type="secondary">{none}</Typography.Text>}
                </Space>
              ),
            }
          })}
        />
      </Card>
    </Page>
  )
}

export default MemberDetailPage
