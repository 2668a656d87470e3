/**
 * The development pipeline's index (stored evaluations of each person in the pipeline, 发展党员): refreshed by
 * every reader of the index before it counts — the development routes, the agenda, the secretaries' appraisal
 * pre-fill — and filled by the demo load. Outside `routes/` because readers of several areas share it; the
 * queries themselves live in @xianfeng/db (`development/`).
 */
import type { PlainDate } from "@xianfeng/core"
import {
  type DevelopmentRecord,
  type PipelineIndexEntry,
  type Scope,
  savePipelineIndex,
  stalePipelinePeople,
  workingCalendarOf,
  type XfDb,
} from "@xianfeng/db"
import {
  type DevelopmentPolicy,
  developmentRuleSets,
  type Evaluation,
  evaluate,
  historyOf,
  pipelineIndexEntryOf,
} from "@xianfeng/development-rules"

/** The index row of one evaluation, for the member row's `version`. */
export const pipelineIndexRowOf = (memberId: string, memberVersion: number, e: Evaluation) => {
  const entry = pipelineIndexEntryOf(e, developmentRuleSets)
  return {
    memberId,
    memberVersion,
    evaluatedOn: entry.evaluatedOn,
    recheckOn: entry.recheckOn,
    items: entry.items.map((i) => ({ step: i.step, state: i.state, dueBy: i.dueBy.toString() })),
  }
}

/**
 * Evaluates on `today` the pipeline's people (subtree `within` of the scope) whose index row no longer holds (the
 * member was written since, or came into the pipeline; its `recheck_on` has come), and stores their rows. Chosen over a
 * nightly job: a read refreshes exactly what it needs, so the answer is today's whoever asks first; the demo
 * district is indexed once at start (system.ts). Returns how many were evaluated.
 */
export const refreshPipelineIndex = async (
  db: XfDb,
  scope: Scope,
  within: string,
  today: PlainDate,
  policy: DevelopmentPolicy,
): Promise<number> => {
  const { people, records } = await stalePipelinePeople(db, scope, within, today)
  const calendar = people.length === 0 ? undefined : await workingCalendarOf(db)
  const rows = people.map((person): PipelineIndexEntry => {
    const own: readonly DevelopmentRecord[] | undefined = records.get(person.id)
    // Nobody is chased for a road that has no record yet (a member entered with a stage, an import): the
    // pipeline has always left them out. Recording their first step moves the version on.
    const row =
      own === undefined
        ? {
            memberId: person.id,
            memberVersion: person.version,
            evaluatedOn: today,
            recheckOn: today.add({ days: 30 }),
            items: [],
          }
        : pipelineIndexRowOf(
            person.id,
            person.version,
            evaluate(
              historyOf(person, own, today),
              today,
              developmentRuleSets,
              policy,
              calendar ? { calendar } : {},
            ),
          )
    // Stored against the marks the check read: a write of the person since then leaves the row marked.
    return { ...row, marksSeen: person.marks }
  })
  await savePipelineIndex(db, rows)
  return rows.length
}

/** The demo district's committee (`generateDemoDistrict` of @xianfeng/demo names it d1). */
const demoDistrict: Scope = { orgId: "d1", orgPath: "d1" }

/**
 * Indexes the freshly loaded demo district on `today`, so the first reader of the pipeline does not pay for
 * evaluating everyone; returns how many people were evaluated.
 */
export const indexDemoPipeline = async (
  db: XfDb,
  today: PlainDate,
  policy: DevelopmentPolicy,
): Promise<number> =>
  db.transaction((tx) => refreshPipelineIndex(tx, demoDistrict, demoDistrict.orgPath, today, policy))
