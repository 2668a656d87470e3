import { Select } from "antd"
import { useSearchParams } from "react-router-dom"
import { useI18n } from "../../i18n/I18nProvider"

/** The year a page shows, kept in the address (`?year=`) so a link or a reload keeps it; absent: the API's today. */
export const useYearParam = (): [number | undefined, (year: number | undefined) => void] => {
  const [params, setParams] = useSearchParams()
  const raw = Number(params.get("year"))
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : undefined
  const set = (y: number | undefined) => {
    const next = new URLSearchParams(params)
    if (y === undefined) next.delete("year")
    else next.set("year", String(y))
    setParams(next)
  }
  return [year, set]
}

/** Picks one of the five years up to `latest` (the year the API answered for, else this calendar year). */
export const YearPicker = ({
  value,
  latest,
  onChange,
  testId,
}: {
  readonly value: number | undefined
  readonly latest: number | undefined
  readonly onChange: (year: number) => void
  readonly testId: string
}) => {
  const { t } = useI18n()
  const last = Math.max(latest ?? new Date().getFullYear(), value ?? 0)
  const years = Array.from({ length: 5 }, (_, i) => last - i)
  return (
    <Select<number>
      aria-label={t("discipline.year")}
      data-testid={testId}
      style={{ width: 110 }}
      value={value ?? latest ?? null}
      onChange={onChange}
      options={years.map((y) => ({ value: y, label: t("discipline.yearLabel", { year: y }) }))}
    />
  )
}
