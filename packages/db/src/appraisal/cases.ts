/** 不合格党员处置: the tracked cases of members graded unqualified. Scoped by the member's organization. */
import type { PlainDate } from "@xianfeng/core"
import { and, asc, eq, sql } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberRowsInScope, NotInScope, type Scope, withinOf } from "../platform/scope.js"
import {
  type AppraisalUnqualifiedCase,
  appraisalUnqualifiedCases,
  members,
  orgs,
  type StoredLadderStep,
} from "../schema/index.js"

export interface CaseRow extends AppraisalUnqualifiedCase {
  readonly memberName: string
  readonly orgId: string
  readonly orgName: string
}

const caseColumns = {
  id: appraisalUnqualifiedCases.id,
  memberId: appraisalUnqualifiedCases.memberId,
  cycleId: appraisalUnqualifiedCases.cycleId,
  openedOn: appraisalUnqualifiedCases.openedOn,
  steps: appraisalUnqualifiedCases.steps,
  closedOn: appraisalUnqualifiedCases.closedOn,
  outcome: appraisalUnqualifiedCases.outcome,
  recordedBy: appraisalUnqualifiedCases.recordedBy,
  recordedAt: appraisalUnqualifiedCases.recordedAt,
  version: appraisalUnqualifiedCases.version,
  memberName: members.name,
  orgId: members.orgId,
  orgName: orgs.name,
}

const joined = (db: XfDb) =>
  db
    .select(caseColumns)
    .from(appraisalUnqualifiedCases)
    .innerJoin(members, eq(members.id, appraisalUnqualifiedCases.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))

/** The cases of members in the subtree of `orgId` (default: the scope's root), oldest first. */
export const casesInScope = async (
  db: XfDb,
  scope: Scope,
  orgId: string | undefined,
): Promise<readonly CaseRow[]> => {
  const within = await withinOf(db, scope, orgId)
  return joined(db)
    .where(memberRowsInScope(scope, within))
    .orderBy(asc(appraisalUnqualifiedCases.openedOn), asc(appraisalUnqualifiedCases.id))
}

/** The case, if its member lies in the scope; otherwise `NotInScope`. With `lock`, writers queue on it. */
export const caseInScope = async (
  db: XfDb,
  scope: Scope,
  id: string,
  options: { readonly lock?: boolean } = {},
): Promise<CaseRow> => {
  const q = joined(db)
    .where(and(eq(appraisalUnqualifiedCases.id, id), memberRowsInScope(scope)))
    .limit(1)
  const [row] = options.lock === true ? await q.for("update", { of: appraisalUnqualifiedCases }) : await q
  if (row === undefined) throw new NotInScope("appraisal-case", id)
  return row
}

/** The one write path of a new case (the caller loaded the member in scope). */
export const openCase = async (
  db: XfDb,
  entry: { memberId: string; cycleId: string | null; openedOn: PlainDate; recordedBy: string | null },
): Promise<string> => {
  const [row] = await db
    .insert(appraisalUnqualifiedCases)
    .values(entry)
    .returning({ id: appraisalUnqualifiedCases.id })
  if (row === undefined) throw new Error("insert into appraisal_unqualified_cases returned no row")
  return row.id
}

/** Saves a case's steps and closing after `caseInScope` (the one write path of a case after opening). */
export const saveCase = async (
  db: XfDb,
  id: string,
  state: {
    readonly steps: readonly StoredLadderStep[]
    readonly closedOn: PlainDate | null
    readonly outcome: "corrected" | "removed" | null
  },
): Promise<void> => {
  await db
    .update(appraisalUnqualifiedCases)
    .set({ ...state, steps: [...state.steps], version: sql`${appraisalUnqualifiedCases.version} + 1` })
    .where(eq(appraisalUnqualifiedCases.id, id))
}

/**
 * The open cases of the scope whose last step's due date (`dueBy`) lies in `from`…`to`, soonest first, at most
 * `limit`: the appraisal area's agenda entries. A case with no step yet has no due date stored and is left out.
 */
export const caseDeadlinesOf = async (
  db: XfDb,
  scope: Scope,
  from: PlainDate,
  to: PlainDate,
  limit: number,
): Promise<readonly (CaseRow & { readonly dueBy: string; readonly step: StoredLadderStep["step"] })[]> =>
  (await casesInScope(db, scope, undefined))
    .filter((r) => r.closedOn === null)
    .flatMap((r) => {
      const last = r.steps.at(-1)
      return last === undefined || last.dueBy < from.toString() || last.dueBy > to.toString()
        ? []
        : [{ ...r, dueBy: last.dueBy, step: last.step }]
    })
    .sort((a, b) => a.dueBy.localeCompare(b.dueBy) || a.id.localeCompare(b.id))
    .slice(0, limit)
