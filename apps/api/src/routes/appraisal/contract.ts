/**
 * 评议考核 (Appraisal): the area's API contract. The same schemas validate requests, document them in
 * OpenAPI and give the admin its types (`@xianfeng/api/contract/appraisal`).
 */
import { IsoDate } from "@xianfeng/core"
import { Schema } from "effect"
import { OrgIdSchema, PageNumber, PageSize } from "../../http/contract-kit.js"

export const AppraisalRecordQuery = Schema.Struct({
  orgId: Schema.optionalKey(OrgIdSchema),
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
})

export const AppraisalRecordBody = Schema.Struct({
  orgId: OrgIdSchema,
  title: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  onDate: IsoDate,
  note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(2000))),
})

/** A verdict, rendered in the reader's language, with its articles apart. */
export const AppraisalVerdictView = Schema.Struct({
  status: Schema.Literals(["ok", "allowed", "blocked", "due", "overdue", "warning"]),
  code: Schema.String,
  message: Schema.String,
  citations: Schema.Array(Schema.String),
})

export const AppraisalRecordView = Schema.Struct({
  id: Schema.String,
  orgId: Schema.String,
  orgName: Schema.String,
  title: Schema.String,
  onDate: IsoDate,
  note: Schema.String,
  recordedAt: Schema.String,
  version: Schema.Int,
  /** What the rules said when it was recorded (warnings a person should look at). */
  verdicts: Schema.optionalKey(Schema.Array(AppraisalVerdictView)),
})
export type AppraisalRecordView = typeof AppraisalRecordView.Type

export const AppraisalRecordPage = Schema.Struct({
  items: Schema.Array(AppraisalRecordView),
  total: Schema.Int,
  page: Schema.Int,
  pageSize: Schema.Int,
})
export type AppraisalRecordPage = typeof AppraisalRecordPage.Type
