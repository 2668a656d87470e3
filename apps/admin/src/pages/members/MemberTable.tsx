import type { ColumnsType } from "antd/es/table"
import { Link, useNavigate } from "react-router-dom"
import { endpoints, type MemberFilter } from "../../api/endpoints"
import type { MemberSummary, Stage } from "../../api/types"
import { QueryTable } from "../../components/QueryTable"
import { StageTag } from "../../components/StageTag"
import { useI18n } from "../../i18n/I18nProvider"
import { PAGE_SIZES } from "./filter"

/** A page of members for a filter; a row opens the member's file. */
export const MemberTable = ({
  filter,
  onPage,
}: {
  readonly filter: MemberFilter
  readonly onPage: (page: number, pageSize: number) => void
}) => {
  const { t, td } = useI18n()
  const navigate = useNavigate()

  const columns: ColumnsType<MemberSummary> = [
    {
      title: t("members.name"),
      dataIndex: "name",
      width: 120,
      render: (name: string, m) => (
        <Link to={`/members/${m.id}`} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { title: t("members.sex"), dataIndex: "sex", width: 70, render: (s: string) => td(`sex.${s}`, s) },
    { title: t("members.birthDate"), dataIndex: "birthDate", width: 120 },
    {
      title: t("members.stage"),
      dataIndex: "stage",
      width: 130,
      render: (s: Stage) => <StageTag stage={s} />,
    },
    { title: t("members.org"), dataIndex: "orgName", ellipsis: true },
    {
      title: t("members.idNumber"),
      dataIndex: "idNumberMasked",
      width: 210,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: t("members.phone"),
      dataIndex: "phoneMasked",
      width: 140,
      render: (v: string | null) => <span className="mono">{v ?? t("common.none")}</span>,
    },
  ]

  return (
    <QueryTable<MemberSummary>
      queryKey={["members", filter]}
      queryFn={() => endpoints.members(filter)}
      page={filter.page}
      pageSize={filter.pageSize}
      pageSizes={PAGE_SIZES}
      onPage={onPage}
      emptyText={t("members.empty")}
      className="xf-clickable-rows"
      data-testid="member-table"
      rowKey="id"
      size="middle"
      columns={columns}
      onRow={(m) => ({ onClick: () => navigate(`/members/${m.id}`) })}
      scroll={{ x: 900 }}
    />
  )
}
