import type { TablePaginationConfig } from "antd"
import { useState } from "react"
import { useI18n } from "../i18n/I18nProvider"

/** The page sizes a server-paged table offers; it starts at the first. */
const PAGE_SIZES = [20, 50, 100] as const

/** Where a table that the API pages stands: the page to ask for, and the table's pager. */
export interface ServerPages {
  /** 1-based. Goes, with `pageSize`, into the query's key and its request. */
  readonly page: number
  readonly pageSize: number
  /** Back to the first page: for every change of what the rows are filtered by, in the same event. */
  readonly reset: () => void
  /**
   * When `total` rows no longer reach the page on screen (a write emptied the last page), goes back to the page
   * that is now the last. Call it while rendering, with the total of the query's own answer only: placeholder data
   * still shows the previous filter's or page's total.
   */
  readonly keepWithin: (total: number | undefined) => void
  /**
   * The table's `pagination` (`XfTable`'s, antd's) for `total` rows (0 until known): "共 N 条", the page sizes, and
   * a new page size starts again at the first page.
   */
  readonly pagination: (total: number | undefined) => TablePaginationConfig
}

/**
 * The page and page size of a table the API pages, for a page that runs the query itself because it needs more of
 * the answer than the rows (a plan's progress, a ledger's second table); `QueryTable` runs its own. Put `page` and
 * `pageSize` in the query's key and request, call `reset()` when a filter changes, and give the table
 * `pagination(total)`.
 */
export const useServerPages = (): ServerPages => {
  const { t } = useI18n()
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0])
  return {
    page,
    pageSize,
    reset: () => setPage(1),
    keepWithin: (total) => {
      if (total === undefined) return
      const last = Math.max(1, Math.ceil(total / pageSize))
      // This component's own state, set while it renders: React renders it again at once, before the screen shows
      // the emptied page (react.dev, "Adjusting some state when a prop changes").
      if (page > last) setPage(last)
    },
    pagination: (total) => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES.map(String),
      showTotal: (n) => t("common.total", { total: n }),
      onChange: (p, size) => {
        setPage(size === pageSize ? p : 1)
        setPageSize(size)
      },
    }),
  }
}
