import { useQuery, useQueryClient } from "@tanstack/react-query"
import { TreeSelect } from "antd"
import { useEffect, useState } from "react"
import { endpoints } from "../../api/endpoints"
import type { Org } from "../../api/types"
import { useI18n } from "../../i18n/I18nProvider"

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
 * An organization of the caller's scope, the tree loaded one level at a time. Unlike the users
 * page's picker it shows the name of a value chosen elsewhere (a URL's `orgId`) before its branch
 * of the tree is loaded, and it can be cleared (back to the whole scope).
 */
export const OrgSelect = ({
  value,
  onChange,
  id,
  allowClear = false,
  placeholder,
  testId = "org-select",
}: {
  readonly value?: string | undefined
  readonly onChange?: (v: string | undefined) => void
  readonly id?: string
  readonly allowClear?: boolean
  readonly placeholder?: string
  readonly testId?: string
}) => {
  const queryClient = useQueryClient()
  const { t } = useI18n()
  const root = useQuery({ queryKey: ["orgs", "root"], queryFn: endpoints.rootOrg })
  const chosen = useQuery({
    queryKey: ["orgs", value],
    queryFn: () => endpoints.org(value ?? ""),
    enabled: value !== undefined && value !== root.data?.id,
  })
  const [options, setOptions] = useState<Option[]>([])
  useEffect(() => {
    if (root.data && options.length === 0) setOptions([{ ...toOption(root.data), pId: undefined }])
  }, [root.data, options.length])
  useEffect(() => {
    const o = chosen.data
    if (o && options.length > 0 && !options.some((x) => x.id === o.id)) {
      const parentKnown = options.some((x) => x.id === o.parentId)
      setOptions((prev) => [
        ...prev,
        { ...toOption(o), pId: parentKnown ? (o.parentId ?? undefined) : undefined },
      ])
    }
  }, [chosen.data, options])

  return (
    <TreeSelect
      {...(id ? { id } : {})}
      data-testid={testId}
      treeDataSimpleMode
      showSearch
      allowClear={allowClear}
      treeNodeFilterProp="title"
      loading={root.isPending}
      placeholder={placeholder ?? t("users.orgRequired")}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={options}
      treeDefaultExpandedKeys={root.data ? [root.data.id] : []}
      loadData={async (node) => {
        const parent = String(node.value)
        const { items } = await queryClient.fetchQuery({
          queryKey: ["orgs", parent, "children"],
          queryFn: () => endpoints.orgChildren(parent),
        })
        setOptions((prev) => {
          const known = new Set(prev.map((o) => o.id))
          return [...prev, ...items.filter((o) => !known.has(o.id)).map(toOption)]
        })
      }}
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
    />
  )
}
