import { keepPreviousData, type QueryKey, useQuery } from "@tanstack/react-query"
import type { TableProps } from "antd"
import { useI18n } from "../i18n/I18nProvider"
import { ErrorState } from "../shell/states"
import { XfTable } from "./XfTable"

/** One page of rows as the API answers a paged list. */
export interface PageOf<T> {
  readonly items: readonly T[]
  readonly total: number
}

/**
 * A table that pages through the API: the query is keyed by the page it asks for, the previous page
 * stays on screen while the next one loads, and a failed load shows its reason with a retry. On a phone
 * the rows are cards (`XfTable`).
 */
export const QueryTable = <T extends object>({
  queryKey,
  queryFn,
  page,
  pageSize,
  pageSizes,
  onPage,
  emptyText,
  ...table
}: {
  /** Must change with `page` and `pageSize` (and any filter), as `queryFn` does. */
  readonly queryKey: QueryKey
  readonly queryFn: () => Promise<PageOf<T>>
  /** 1-based. */
  readonly page: number
  readonly pageSize: number
  readonly pageSizes: readonly number[]
  readonly onPage: (page: number, pageSize: number) => void
  readonly emptyText: string
} & Omit<TableProps<T>, "dataSource" | "loading" | "locale" | "pagination">) => {
  const { t } = useI18n()
  const query = useQuery({ queryKey, queryFn, placeholderData: keepPreviousData })

  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />

  return (
    <XfTable<T>
      {...table}
      dataSource={query.data?.items as T[] | undefined}
      loading={query.isFetching}
      locale={{ emptyText: query.isPending ? " " : emptyText }}
      pagination={{
        current: page,
        pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: pageSizes.map(String),
        showTotal: (total) => t("common.total", { total }),
        onChange: onPage,
      }}
    />
  )
}
