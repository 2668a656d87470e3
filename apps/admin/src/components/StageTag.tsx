import { Tag } from "antd"
import type { Stage } from "../api/types"
import { useI18n } from "../i18n/I18nProvider"

const stageColor: Record<Stage, string> = {
  applicant: "default",
  activist: "blue",
  "development-object": "gold",
  probationary: "orange",
  full: "red",
}

/** A person's stage (入党申请人 … 正式党员) as a coloured tag, darker the further along. */
export const StageTag = ({ stage }: { readonly stage: Stage }) => {
  const { td } = useI18n()
  return <Tag color={stageColor[stage] ?? "default"}>{td(`stage.${stage}`, stage)}</Tag>
}
