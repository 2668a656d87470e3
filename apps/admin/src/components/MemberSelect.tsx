import { useQuery } from "@tanstack/react-query"
import { Select } from "antd"
import { useState } from "react"
import { endpoints } from "../api/endpoints"
import { useI18n } from "../i18n/I18nProvider"
import { useTypedSearch } from "./useTypedSearch"

/**
 * A member of the caller's scope (or of `orgId`'s subtree), found by typing a name or its pinyin initials: the API's
 * member search, 20 at a time, so a committee of tens of thousands is never loaded to pick one. For a form item:
 * `value` is the member's id.
 */
export const MemberSelect = ({
  value,
  onChange,
  orgId,
  testId,
}: {
  readonly value?: string | undefined
  readonly onChange?: ((id: string) => void) | undefined
  readonly orgId?: string | undefined
  readonly testId?: string | undefined
}) => {
  const { t } = useI18n()
  const { asked: q, onSearch } = useTypedSearch()
  // The names of members chosen before, so the chosen one keeps its name when the search moves on.
  const [seen, setSeen] = useState<ReadonlyMap<string, string>>(new Map())
  const found = useQuery({
    queryKey: ["members", "pick", orgId, q],
    queryFn: () => endpoints.members({ orgId, q: q === "" ? undefined : q, page: 1, pageSize: 20 }),
    placeholderData: (previous) => previous,
  })
  const options = (found.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }))
  if (value !== undefined && !options.some((o) => o.value === value))
    options.unshift({ value, label: seen.get(value) ?? value })
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={onSearch}
      value={value ?? null}
      onChange={(id: string) => {
        const label = options.find((o) => o.value === id)?.label
        if (label !== undefined) setSeen(new Map(seen).set(id, label))
        onChange?.(id)
      }}
      loading={found.isFetching}
      options={options}
      placeholder={t("common.searchMember")}
      data-testid={testId}
    />
  )
}
