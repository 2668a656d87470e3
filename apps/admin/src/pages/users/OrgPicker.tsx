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
  isLeaf: o.kind === "branch" || o.kind === "party-group",
})

/** Picks an organization from the caller's scope, loading the tree one level at a time. */
export const OrgPicker = ({
  value,
  onChange,
  id,
  known,
}: {
  readonly value?: string
  readonly onChange?: (v: string) => void
  readonly id?: string
  /** Organizations to offer before their branch of the tree is loaded, e.g. the current value. */
  readonly known?: readonly Org[]
}) => {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const root = useQuery({ queryKey: ["orgs", "root"], queryFn: endpoints.rootOrg })
  const [options, setOptions] = useState<Option[]>([])
  useEffect(() => {
    if (root.data && options.length === 0)
      setOptions([
        { ...toOption(root.data), pId: undefined },
        ...(known ?? []).filter((o) => o.id !== root.data.id).map(toOption),
      ])
  }, [root.data, options.length, known])

  return (
    <TreeSelect
      {...(id ? { id } : {})}
      data-testid="org-picker"
      treeDataSimpleMode
      showSearch
      treeNodeFilterProp="title"
      loading={root.isPending}
      placeholder={t("users.orgRequired")}
      {...(value === undefined ? {} : { value })}
      {...(onChange ? { onChange } : {})}
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
    />
  )
}
