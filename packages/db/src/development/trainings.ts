/**
 * 培训经历 of the development process (`development_trainings`): every query of the table. The one write path
 * is `writeDevelopmentTrainings`; reads take the caller's `Scope` (through the person's organization).
 */
import { asc, eq } from "drizzle-orm"
import type { XfDb } from "../database.js"
import { memberInScope, type Scope } from "../platform/scope.js"
import { type DevelopmentTrainingRow, developmentTrainings } from "../schema/index.js"

/** A training to store, as a history (an import) gives it. */
export type NewDevelopmentTraining = Omit<DevelopmentTrainingRow, "id" | "recordedAt"> & {
  readonly recordedAt?: Date
}

/**
 * The one write path of `development_trainings`, for rows already checked (an import): a training already on
 * file for the person (same kind, same first day) is kept as it is. Returns how many were added.
 */
export const writeDevelopmentTrainings = async (
  tx: XfDb,
  rows: readonly NewDevelopmentTraining[],
): Promise<number> => {
  let added = 0
  for (let i = 0; i < rows.length; i += 2000) {
    const r = await tx
      .insert(developmentTrainings)
      .values(rows.slice(i, i + 2000) as NewDevelopmentTraining[])
      .onConflictDoNothing()
      .returning({ id: developmentTrainings.id })
    added += r.length
  }
  return added
}

/** The trainings of a person of the scope (else `NotInScope`), oldest first. */
export const developmentTrainingsOf = async (
  db: XfDb,
  scope: Scope,
  memberId: string,
): Promise<readonly DevelopmentTrainingRow[]> => {
  await memberInScope(db, scope, memberId)
  return db
    .select()
    .from(developmentTrainings)
    .where(eq(developmentTrainings.memberId, memberId))
    .orderBy(asc(developmentTrainings.fromDate), asc(developmentTrainings.kind))
}
