import { Card, List, Table, type TableProps } from "antd"
import type { ColumnType } from "antd/es/table"
import { type HTMLAttributes, isValidElement, type KeyboardEvent, type ReactNode } from "react"
import { useScreens } from "./screens"

type Column<T> = ColumnType<T> & { readonly children?: unknown }

const valueAt = (record: object, dataIndex: unknown): unknown => {
  if (dataIndex === undefined || dataIndex === null) return undefined
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex]
  let v: unknown = record
  for (const k of path) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k]
  return v
}

const cellOf = <T extends object>(col: Column<T>, record: T, index: number): ReactNode => {
  const value = valueAt(record, col.dataIndex)
  const out: unknown = col.render ? col.render(value, record, index) : value
  // A render may answer `{ children, props }` (row/col spans); a card only wants the content.
  if (out !== null && typeof out === "object" && !isValidElement(out) && "children" in out)
    return (out as { children: ReactNode }).children
  return out as ReactNode
}

/**
 * Rows that open something on click open it from the keyboard too: they take focus (Tab) and answer
 * Enter and Space, as a button would.
 */
const keyboardRow = (attrs: HTMLAttributes<HTMLElement>): HTMLAttributes<HTMLElement> => {
  const onClick = attrs.onClick
  if (!onClick) return attrs
  return {
    ...attrs,
    tabIndex: 0,
    role: attrs.role ?? "button",
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      attrs.onKeyDown?.(e)
      if (e.target !== e.currentTarget || (e.key !== "Enter" && e.key !== " ")) return
      e.preventDefault()
      onClick(e as never)
    },
  }
}

/**
 * The admin's table: antd's on a desktop; on a phone (below antd's `md`, 768 px) each row becomes a card
 * that lists the columns as "title: value", so no column is squeezed to a letter's width or pushed off
 * the screen. Clickable rows (`onRow` with `onClick`) are reachable by keyboard at either size.
 * Use it (or `QueryTable`, which uses it) for every table.
 */
export const XfTable = <T extends object>(props: TableProps<T>) => {
  const screens = useScreens()
  const { onRow, ...rest } = props
  const rowProps = onRow
    ? (record: T, index?: number) => keyboardRow(onRow(record, index) as HTMLAttributes<HTMLElement>)
    : undefined
  if (screens.md !== false) return <Table<T> {...rest} {...(rowProps ? { onRow: rowProps } : {})} />

  const columns = ((props.columns ?? []) as Column<T>[]).filter((c) => !c.hidden)
  const rowKey = props.rowKey
  const keyOf = (r: T, i: number): string =>
    typeof rowKey === "function"
      ? String(rowKey(r, i))
      : rowKey !== undefined
        ? String((r as Record<string, unknown>)[rowKey as string])
        : String(i)
  const pagination = props.pagination
  const testId = (props as Record<string, unknown>)["data-testid"] as string | undefined
  return (
    <List<T>
      className="xf-card-list"
      {...(testId ? { "data-testid": testId } : {})}
      dataSource={(props.dataSource ?? []) as T[]}
      loading={props.loading === undefined ? false : Boolean(props.loading)}
      locale={{ emptyText: props.locale?.emptyText as ReactNode }}
      rowKey={(r) => keyOf(r, 0)}
      pagination={
        pagination === false || pagination === undefined
          ? false
          : {
              ...(pagination.current === undefined ? {} : { current: pagination.current }),
              ...(pagination.pageSize === undefined ? {} : { pageSize: pagination.pageSize }),
              ...(pagination.total === undefined ? {} : { total: pagination.total }),
              ...(pagination.onChange ? { onChange: pagination.onChange } : {}),
              ...(pagination.showTotal ? { showTotal: pagination.showTotal } : {}),
              size: "small",
              showSizeChanger: false,
              align: "center",
            }
      }
      renderItem={(record, index) => {
        const attrs = rowProps ? rowProps(record, index) : {}
        const className =
          typeof props.rowClassName === "function"
            ? props.rowClassName(record, index, 0)
            : (props.rowClassName ?? "")
        return (
          <List.Item style={{ padding: "4px 0", border: "none" }}>
            <Card
              size="small"
              {...(attrs as Record<string, unknown>)}
              className={`xf-row-card ${className} ${attrs.onClick ? "xf-row-card-clickable" : ""}`}
              style={{ width: "100%", ...(attrs.style ?? {}) }}
              data-row-key={keyOf(record, index)}
            >
              <dl className="xf-row-card-fields">
                {columns.map((c, ci) => {
                  const cell = cellOf(c, record, index)
                  if (cell === undefined || cell === null || cell === "") return null
                  const title = typeof c.title === "function" ? null : (c.title as ReactNode)
                  return (
                    <div key={String(c.key ?? c.dataIndex ?? ci)} className="xf-row-card-field">
                      {title ? <dt>{title}</dt> : null}
                      <dd>{cell}</dd>
                    </div>
                  )
                })}
              </dl>
            </Card>
          </List.Item>
        )
      }}
    />
  )
}
