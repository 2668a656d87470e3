import { DownloadOutlined, UploadOutlined } from "@ant-design/icons"
import { useQuery, useQueryClient } from "@tanstack/react-query"
import type { ImportResultView } from "@xianfeng/api/contract/transfer"
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  List,
  Progress,
  Result,
  Segmented,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from "antd"
import { useRef, useState } from "react"
import { ProblemError } from "../../api/problem"
import { useI18n } from "../../i18n/I18nProvider"
import { Page } from "../../shell/Page"
import { base64Of, type ImportKind, type ServerProgress, transferApi, type Upload } from "./api"

type Check = ImportResultView["check"]

/**
 * The import wizard: choose what to import and the file, check the column mapping and every row, download the
 * error report when rows are wrong, and confirm (all or nothing). Works the same on a phone: the rows are a
 * list of cards, never a wide table.
 */
const ImportPage = () => {
  const { t, locale } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const kinds = useQuery({ queryKey: ["import", "kinds", locale], queryFn: transferApi.kinds })
  const [kind, setKind] = useState<ImportKind>("members")
  const [upload, setUpload] = useState<Upload | undefined>()
  const [check, setCheck] = useState<Check | undefined>()
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [progress, setProgress] = useState<{ label: string; percent: number } | undefined>()
  const [written, setWritten] = useState<number | undefined>()
  const [failure, setFailure] = useState<string | undefined>()
  const fileInput = useRef<HTMLInputElement>(null)

  const fields = kinds.data?.find((k) => k.kind === kind)?.fields ?? []

  /**
   * Runs one streamed request with the bar: the upload fills the first fifth, then the server's own progress
   * (reading, checking every row, writing) the rest, with the rows done so far in the label.
   */
  const withProgress = async <T,>(
    label: string,
    run: (onUpload: (share: number) => void, onServer: (p: ServerProgress) => void) => Promise<T>,
  ) => {
    setFailure(undefined)
    setProgress({ label, percent: 0 })
    const span: Record<ServerProgress["phase"], readonly [number, number]> = {
      read: [20, 25],
      check: [25, 60],
      write: [60, 100],
    }
    try {
      return await run(
        (share) => setProgress({ label, percent: Math.round(share * 20) }),
        (p) => {
          const [from, to] = span[p.phase]
          const share = p.total === 0 ? 1 : p.done / p.total
          setProgress({
            label: t(`transfer.phase.${p.phase}`)
              .replace("{done}", p.done.toLocaleString(locale))
              .replace("{total}", p.total.toLocaleString(locale)),
            percent: Math.round(from + (to - from) * share),
          })
        },
      )
    } catch (e) {
      setFailure(e instanceof ProblemError ? (e.problem.detail ?? e.problem.title) : String(e))
      return undefined
    } finally {
      setProgress(undefined)
    }
  }

  const runCheck = async (u: Upload) => {
    const r = await withProgress(t("transfer.checking"), (up, server) =>
      transferApi.checkStreamed(kind, u, up, server),
    )
    if (r === undefined) return
    setCheck(r.value.check)
    setMapping({ ...r.value.check.mapping })
  }

  const choose = async (file: File | undefined) => {
    if (file === undefined) return
    setWritten(undefined)
    setCheck(undefined)
    const u = { fileName: file.name, content: await base64Of(file) }
    setUpload(u)
    await runCheck(u)
  }

  const recheck = () => upload && runCheck({ ...upload, mapping })

  const downloadReport = async () => {
    if (upload === undefined) return
    try {
      const name = await transferApi.report(kind, { ...upload, mapping })
      message.success(t("transfer.reportSaved").replace("{name}", name))
    } catch (e) {
      setFailure(e instanceof ProblemError ? (e.problem.detail ?? e.problem.title) : String(e))
    }
  }

  const confirm = async () => {
    if (upload === undefined) return
    const r = await withProgress(t("transfer.writing"), (up, server) =>
      transferApi.confirmStreamed(kind, { ...upload, mapping }, up, server),
    )
    if (r === undefined) return
    setWritten(r.value.written)
    setCheck(r.value.check)
    await queryClient.invalidateQueries({ queryKey: ["members"] })
  }

  const reset = () => {
    setUpload(undefined)
    setCheck(undefined)
    setWritten(undefined)
    setFailure(undefined)
    if (fileInput.current) fileInput.current.value = ""
  }

  const step = written !== undefined ? 3 : check === undefined ? 0 : check.importable ? 2 : 1

  return (
    <Page title={t("transfer.title")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Steps
          size="small"
          current={step}
          items={[
            { title: t("transfer.stepFile") },
            { title: t("transfer.stepCheck") },
            { title: t("transfer.stepConfirm") },
            { title: t("transfer.stepDone") },
          ]}
        />
        {written !== undefined ? (
          <Result
            status="success"
            title={t("transfer.done").replace("{n}", String(written))}
            extra={
              <Button type="primary" onClick={reset}>
                {t("transfer.another")}
              </Button>
            }
          />
        ) : (
          <Card size="small">
            <Space direction="vertical" style={{ width: "100%" }}>
              <Typography.Text strong>{t("transfer.kind")}</Typography.Text>
              <Segmented<ImportKind>
                block
                value={kind}
                onChange={(k) => {
                  setKind(k)
                  reset()
                }}
                options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: k.label }))}
              />
              <Typography.Text type="secondary">{t("transfer.fileHint")}</Typography.Text>
              <input
                ref={fileInput}
                data-testid="import-file"
                type="file"
                accept=".xlsx,.csv"
                style={{ display: "none" }}
                onChange={(e) => void choose(e.target.files?.[0])}
              />
              <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()} block>
                {upload ? `${t("transfer.chooseAgain")}（${upload.fileName}）` : t("transfer.choose")}
              </Button>
            </Space>
          </Card>
        )}
        {progress && (
          <Card size="small" data-testid="import-progress">
            <Typography.Text>{progress.label}</Typography.Text>
            <Progress percent={progress.percent} status="active" />
          </Card>
        )}
        {failure && <Alert type="error" showIcon message={failure} />}
        {check && written === undefined && (
          <>
            <Card size="small" title={t("transfer.mapping")}>
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Flex key={f.key} wrap gap={8} align="center">
                    <Typography.Text style={{ minWidth: 140 }}>
                      {f.label}
                      {f.required ? " *" : ""}
                    </Typography.Text>
                    <Select
                      allowClear
                      style={{ flex: 1, minWidth: 160 }}
                      placeholder={t("transfer.notMapped")}
                      value={mapping[f.key]}
                      onChange={(h?: string) =>
                        setMapping((m) => {
                          const next = { ...m }
                          if (h === undefined) delete next[f.key]
                          else next[f.key] = h
                          return next
                        })
                      }
                      options={check.headers.filter((h) => h !== "").map((h) => ({ value: h, label: h }))}
                    />
                  </Flex>
                ))}
                <Button onClick={() => void recheck()}>{t("transfer.recheck")}</Button>
              </Flex>
            </Card>
            {check.mappingProblems.map((p) => (
              <Alert key={p} type="warning" showIcon message={p} />
            ))}
            <Card size="small" data-testid="import-summary">
              <Space wrap>
                <Tag>{t("transfer.total").replace("{n}", String(check.total))}</Tag>
                <Tag color={check.withErrors > 0 ? "red" : "green"}>
                  {t("transfer.errors").replace("{n}", String(check.withErrors))}
                </Tag>
                <Tag color={check.withWarnings > 0 ? "orange" : "default"}>
                  {t("transfer.warnings").replace("{n}", String(check.withWarnings))}
                </Tag>
              </Space>
              <Flex wrap gap={8} style={{ marginTop: 12 }}>
                <Button icon={<DownloadOutlined />} onClick={() => void downloadReport()}>
                  {t("transfer.report")}
                </Button>
                <Button
                  type="primary"
                  disabled={!check.importable || progress !== undefined}
                  onClick={() => void confirm()}
                >
                  {t("transfer.confirm").replace("{n}", String(check.total))}
                </Button>
              </Flex>
              {!check.importable && check.withErrors > 0 && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t("transfer.fixHint")}
                </Typography.Paragraph>
              )}
            </Card>
            <List
              data-testid="import-rows"
              dataSource={[...check.rows]}
              locale={{ emptyText: t("transfer.noProblems") }}
              renderItem={(r) => (
                <List.Item>
                  <Card
                    size="small"
                    style={{ width: "100%" }}
                    title={t("transfer.row").replace("{n}", String(r.row))}
                  >
                    {r.errors.map((p) => (
                      <Typography.Paragraph
                        key={`e${p.column}${p.message}`}
                        type="danger"
                        style={{ marginBottom: 4 }}
                      >
                        {p.column ? `「${p.column}」` : ""}
                        {p.message}
                      </Typography.Paragraph>
                    ))}
                    {r.warnings.map((p) => (
                      <Typography.Paragraph
                        key={`w${p.column}${p.message}`}
                        type="warning"
                        style={{ marginBottom: 4 }}
                      >
                        {p.column ? `「${p.column}」` : ""}
                        {p.message}
                      </Typography.Paragraph>
                    ))}
                    {r.notes.map((p) => (
                      <Typography.Paragraph
                        key={`n${p.column}${p.message}`}
                        type="secondary"
                        style={{ marginBottom: 4 }}
                      >
                        {p.column ? `「${p.column}」` : ""}
                        {p.message}
                      </Typography.Paragraph>
                    ))}
                  </Card>
                </List.Item>
              )}
            />
          </>
        )}
      </Space>
    </Page>
  )
}

export default ImportPage
