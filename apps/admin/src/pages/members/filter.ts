import type { MemberFilter } from "../../api/endpoints"
import { buildQuery, positiveInt } from "../../api/query"
import { type Stage, stages } from "../../api/types"

export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20

const isStage = (s: string | null): s is Stage => s !== null && (stages as readonly string[]).includes(s)

/**
 * The member list keeps its filters in the URL (`/members?q=zs&stage=full&page=2`), so a search can
 * be bookmarked, shared with a colleague and survives the back button. Bad values fall back silently.
 */
export const filterFromSearch = (search: URLSearchParams): MemberFilter => {
  const q = search.get("q")?.trim()
  const stage = search.get("stage")
  const orgId = search.get("orgId")?.trim()
  const pageSize = positiveInt(search.get("pageSize"), DEFAULT_PAGE_SIZE)
  return {
    q: q || undefined,
    stage: isStage(stage) ? stage : undefined,
    orgId: orgId && /^[A-Za-z0-9_]{1,63}$/.test(orgId) ? orgId : undefined,
    page: positiveInt(search.get("page"), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  }
}

/** The URL search for a filter; defaults (page 1, 20 a page) are left out to keep links short. */
export const filterToSearch = (f: MemberFilter): string =>
  buildQuery({
    q: f.q,
    stage: f.stage,
    orgId: f.orgId,
    page: f.page === 1 ? undefined : f.page,
    pageSize: f.pageSize === DEFAULT_PAGE_SIZE ? undefined : f.pageSize,
  })
