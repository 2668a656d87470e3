import { useQuery, useQueryClient } from "@tanstack/react-query"
import { TreeSelect } from "antd"
import { useEffect, useRef, useState } from "react"
import { endpoints } from "../api/endpoints"
import type { Org } from "../api/types"
import { useI18n } from "../i18n/I18nProvider"
import { useTypedSearch } from "./useTypedSearch"

interface Option {
  readonly id: string
  readonly pId: string | undefined
  readonly value: string
  readonly title: string
  readonly isLeaf: boolean
}

const toOption = (o: Org): Option => ({
  id: o.id,
  pId: o.parentId ?? undefined,
  value: o.id,
  title: o.name,
  isLeaf: o.kind === "branch" || o.kind === "party-group" || o.childCount === 0,
})

/**
 * The one branch of the caller's scope, if it holds exactly one: the caller's own organization when it is a
 * branch (a branch secretary's), or the only child of a committee with one branch. Undefined otherwise, and
 * while it is being found out. Not queried unless `enabled`.
 */
export const useOnlyBranch = (enabled: boolean): string | undefined => {
  const root = useQuery({ queryKey: ["orgs", "root"], queryFn: endpoints.rootOrg, enabled })
  const r = root.data
  const oneChild = enabled && r !== undefined && r.kind !== "branch" && r.childCount === 1
  const children = useQuery({
    queryKey: ["orgs", r?.id, "children"],
    queryFn: () => endpoints.orgChildren(r?.id ?? ""),
    enabled: oneChild,
  })
  if (!enabled || r === undefined) return undefined
  if (r.kind === "branch") return r.id
  const only = oneChild ? children.data?.items : undefined
  return only?.length === 1 && only[0]?.kind === "branch" ? only[0].id : undefined
}

/**
 * An organization of the caller's scope, the tree loaded one level at a time (a district has
 * thousands of branches). A value chosen elsewhere (a URL's `orgId`, a record's parent) shows its
 * name before its branch of the tree is loaded: it stands at the top until the branch is opened.
 * Works as an antd form control (`value`, `onChange`, `id` from `Form.Item`) or on its own.
 * With `preselectBranch` (pages that work on one branch), a caller whose scope holds exactly one branch finds it
 * chosen (through `onChange`, while nothing is chosen): a branch secretary does not pick their only branch.
 */
export const OrgPicker = ({
  value,
  onChange,
  id,
  allowClear = false,
  placeholder,
  testId = "org-picker",
  preselectBranch = false,
}: {
  readonly value?: string | undefined
  /** `undefined` when cleared (back to the whole scope, where `allowClear`). */
  readonly onChange?: (v: string | undefined) => void
  readonly id?: string
  readonly allowClear?: boolean
  readonly placeholder?: string
  readonly testId?: string
  readonly preselectBranch?: boolean
}) => {
  const queryClient = useQueryClient()
  const { t } = useI18n()
  const onlyBranch = useOnlyBranch(preselectBranch)
  // Whenever nothing is chosen (a form reset), except that a caller who cleared it (allowClear) is not overruled.
  const preselected = useRef(false)
  useEffect(() => {
    if (onlyBranch === undefined || value !== undefined || (allowClear && preselected.current)) return
    preselected.current = true
    onChange?.(onlyBranch)
  }, [onlyBranch, value, onChange, allowClear])
  const root = useQuery({ queryKey: ["orgs", "root"], queryFn: endpoints.rootOrg })
  const [options, setOptions] = useState<Option[]>([])
  const shown = value !== undefined && options.some((x) => x.id === value)
  const chosen = useQuery({
    queryKey: ["orgs", value],
    queryFn: () => endpoints.org(value ?? ""),
    enabled: value !== undefined && value !== root.data?.id && !shown,
  })
  useEffect(() => {
    if (root.data && options.length === 0) setOptions([{ ...toOption(root.data), pId: undefined }])
  }, [root.data, options.length])
  useEffect(() => {
    const o = chosen.data
    // At the top, not under its parent: a parent with one child shown would never load the others.
    if (o && options.length > 0 && !options.some((x) => x.id === o.id))
      setOptions((prev) => [...prev, { ...toOption(o), pId: undefined }])
  }, [chosen.data, options])
  // Until the chosen organization's name is known, show nothing rather than its id.
  const waiting = value !== undefined && !shown && chosen.isFetching
  // Searching asks the server: the tree loads one level at a time, so a branch under a node nobody opened yet
  // is not among `options`. While a search is typed, the hits (any depth, each with its parent's name) stand
  // in for the tree.
  const { typed: search, asked, onSearch: setSearch } = useTypedSearch()
  const hits = useQuery({
    queryKey: ["orgs", "search", asked],
    queryFn: () => endpoints.searchOrgs(asked),
    enabled: asked !== "",
  })
  const searching = search.trim() !== ""
  const hitOptions: Option[] = (hits.data?.items ?? []).map((h) => ({
    id: h.id,
    pId: undefined,
    value: h.id,
    title: h.parentName ? `${h.name}（${h.parentName}）` : h.name,
    isLeaf: true,
  }))
  const pick = (v: string | undefined) => {
    const hit = hits.data?.items.find((h) => h.id === v)
    // A hit not yet in the tree stands at the top by its name, as a value chosen elsewhere does.
    if (hit && !options.some((o) => o.id === hit.id))
      setOptions((prev) => [
        ...prev,
        { id: hit.id, pId: undefined, value: hit.id, title: hit.name, isLeaf: true },
      ])
    setSearch("")
    onChange?.(v ?? undefined)
  }

  return (
    <TreeSelect
      {...(id ? { id } : {})}
      data-testid={testId}
      treeDataSimpleMode
      showSearch
      allowClear={allowClear}
      treeNodeFilterProp="title"
      searchValue={search}
      onSearch={setSearch}
      onOpenChange={(open) => {
        if (!open) setSearch("")
      }}
      // The hits are the server's answer to the search: shown as they are, not filtered again.
      {...(searching ? { filterTreeNode: () => true } : {})}
      notFoundContent={
        searching && (hits.isFetching || asked !== search.trim()) ? t("orgPicker.searching") : undefined
      }
      loading={root.isPending || waiting}
      placeholder={placeholder ?? t("orgPicker.placeholder")}
      value={waiting ? undefined : value}
      onChange={(v: string | undefined) => pick(v)}
      treeData={searching ? (asked === search.trim() && !hits.isFetching ? hitOptions : []) : options}
      treeDefaultExpandedKeys={root.data ? [root.data.id] : []}
      loadData={async (node) => {
        const parent = String(node.value)
        const { items } = await queryClient.fetchQuery({
          queryKey: ["orgs", parent, "children"],
          queryFn: () => endpoints.orgChildren(parent),
        })
        // A child already shown at the top (the chosen one) moves under its parent.
        const loaded = new Set(items.map((o) => o.id))
        setOptions((prev) => [...prev.filter((o) => !loaded.has(o.id)), ...items.map(toOption)])
      }}
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
    />
  )
}
