import { Flex, Typography } from "antd"
import type { ReactNode } from "react"

/** The frame of one page: a title row (with optional actions) above the content. */
export const Page = ({
  title,
  extra,
  children,
}: {
  readonly title: ReactNode
  readonly extra?: ReactNode
  readonly children: ReactNode
}) => (
  <div className="xf-page">
    <Flex align="center" justify="space-between" gap={16} wrap style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
    {children}
  </div>
)
