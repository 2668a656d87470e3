import { Button, Flex, Result, Spin } from "antd"
import { Link } from "react-router-dom"
import { ProblemError } from "../api/problem"
import { useI18n } from "../i18n/I18nProvider"

export const Loading = ({ tip }: { readonly tip?: string }) => {
  const { t } = useI18n()
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }} data-testid="loading">
      <Spin tip={tip ?? t("common.loading")}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </Flex>
  )
}

export const NotFound = () => {
  const { t } = useI18n()
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title={t("common.notFound.title")}
        subTitle={t("common.notFound.subtitle")}
        extra={
          <Link to="/">
            <Button type="primary">{t("common.backHome")}</Button>
          </Link>
        }
      />
    </div>
  )
}

export const Forbidden = () => {
  const { t } = useI18n()
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={t("common.forbidden.title")}
        subTitle={t("common.forbidden.subtitle")}
        extra={
          <Link to="/">
            <Button type="primary">{t("common.backHome")}</Button>
          </Link>
        }
      />
    </div>
  )
}

/**
 * Whether `error` is a failed `import()` of the admin's own code, as Chromium, Firefox and Safari word it (each
 * a `TypeError`).
 */
export const isCodeLoadFailure = (error: unknown): boolean =>
  error instanceof TypeError &&
  /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
    error.message,
  )

/** What the user sees when a request fails: 404 becomes the not-found page, others their `detail`. */
export const ErrorState = ({
  error,
  onRetry,
}: {
  readonly error: unknown
  readonly onRetry?: () => void
}) => {
  const { t } = useI18n()
  if (error instanceof ProblemError && error.status === 404) return <NotFound />
  if (error instanceof ProblemError && error.status === 403) return <Forbidden />
  // A page's code that did not arrive (the network dropped it, or a new version replaced the files): the
  // browser's own message names a file; a reload is the way back (browsers keep a failed module until then).
  const codeFailed = isCodeLoadFailure(error)
  const detail = codeFailed
    ? t("common.pageCodeFailed")
    : error instanceof ProblemError
      ? error.status === 0
        ? t("common.networkError")
        : (error.problem.detail ?? error.problem.title)
      : error instanceof Error
        ? error.message
        : String(error)
  const action = codeFailed ? (
    <Button type="primary" onClick={() => window.location.reload()} data-testid="reload-page">
      {t("common.reload")}
    </Button>
  ) : onRetry ? (
    <Button type="primary" onClick={onRetry}>
      {t("common.retry")}
    </Button>
  ) : undefined
  return (
    <div data-testid="error-state">
      <Result
        status={codeFailed ? "warning" : "error"}
        title={t("common.loadFailed")}
        subTitle={detail}
        extra={action}
      />
    </div>
  )
}

/** Message to show for a failed mutation. */
export const problemMessage = (error: unknown, fallback: string): string =>
  error instanceof ProblemError ? (error.problem.detail ?? error.problem.title) : fallback
