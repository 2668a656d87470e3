/**
 * A person's development history as the library wants it: the member row (inside the actor's subtree, else
 * the usual 404), the person's facts and the stored records, decoded by the library's own schemas.
 */
import { ageOn, type PlainDate } from "@xianfeng/core"
import { type DevelopmentRecord, members, orgs, pathInSubtree, type XfDb } from "@xianfeng/db"
import {
  type Education,
  type History,
  type OccupationGroup,
  type PersonFacts,
  type StepRecord,
  storedStepRecord,
} from "@xianfeng/development-rules"
import { and, eq } from "drizzle-orm"
import type { Actor } from "../../auth/actor.js"
import { problems } from "../../http/problem.js"

export { todayOf } from "../../deps.js"

export const personColumns = {
  id: members.id,
  name: members.name,
  sex: members.sex,
  birthDate: members.birthDate,
  ethnicity: members.ethnicity,
  education: members.education,
  occupationGroup: members.occupationGroup,
  stage: members.stage,
  status: members.status,
  idNumberMasked: members.idNumberMasked,
  appliedOn: members.appliedOn,
  activistOn: members.activistOn,
  developmentObjectOn: members.developmentObjectOn,
  admittedOn: members.admittedOn,
  fullMemberOn: members.fullMemberOn,
  version: members.version,
  orgId: members.orgId,
  orgName: orgs.name,
  orgPath: orgs.path,
}

export interface PersonRow {
  readonly id: string
  readonly name: string
  readonly sex: "male" | "female"
  readonly birthDate: PlainDate
  readonly ethnicity: string
  readonly education: string
  readonly occupationGroup: string
  readonly stage: "applicant" | "activist" | "development-object" | "probationary" | "full"
  readonly orgId: string
  readonly orgName: string
  readonly orgPath: string
}

/** The member, if inside the actor's subtree (the scope is part of the query); otherwise 404. */
export const personInScope = async (db: XfDb, actor: Actor, memberId: string, lock = false) => {
  const q = db
    .select(personColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, memberId), pathInSubtree(orgs.path, actor.orgPath)))
    .limit(1)
  const [row] = lock ? await q.for("update", { of: members }) : await q
  if (row === undefined) throw problems.notFound()
  return row
}

/** 学历 code (national list) → the library's education levels. */
export const educationOf = (code: string): Education | undefined => {
  if (/^1/.test(code)) return "postgraduate"
  if (["21", "23", "24", "2A", "2B"].includes(code)) return "bachelor"
  if (["22", "2C", "2D", "41", "44", "47"].includes(code)) return "vocational"
  if (["61", "71"].includes(code)) return "secondary"
  if (code === "81") return "primary"
  return undefined
}

/**
 * The member's occupation group → the priority groups of DR 37 (industrial workers, young farmers, the highly
 * educated…). Young farmer: a farmer of 35 or under; highly educated: a bachelor's degree or more.
 */
export const occupationOf = (
  p: Pick<PersonRow, "occupationGroup" | "education" | "birthDate">,
  asOf: PlainDate,
): OccupationGroup => {
  const edu = educationOf(p.education)
  if (p.occupationGroup === "worker") return "industrial-worker"
  if (p.occupationGroup === "farmer") return ageOn(p.birthDate, asOf) <= 35 ? "young-farmer" : "other"
  if (edu === "bachelor" || edu === "postgraduate") return "highly-educated"
  return "other"
}

export const factsOf = (p: PersonRow, asOf: PlainDate): PersonFacts => {
  const education = educationOf(p.education)
  return {
    birthDate: p.birthDate,
    migrant: false,
    gender: p.sex,
    ethnicity: p.ethnicity,
    occupation: occupationOf(p, asOf),
    orgId: p.orgId,
    ...(education === undefined ? {} : { education }),
  }
}

/**
 * A stored record as the library reads it. Records were decoded by their step's schema when written
 * (`decodeStepRecord` in `recordStep`), so reading them back only turns their dates into `PlainDate`s
 * (`storedStepRecord`: a pipeline reads tens of thousands of records, and full decoding cost more than
 * evaluating them); a row that does not fit its step's shape is decoded in full, and left out of the
 * evaluation if that fails.
 */
export const stepRecordOf = (
  r: Pick<DevelopmentRecord, "step" | "onDate" | "evidence">,
): StepRecord | undefined => storedStepRecord({ step: r.step, on: r.onDate, evidence: r.evidence })

export const historyOf = (p: PersonRow, rows: readonly DevelopmentRecord[], asOf: PlainDate): History => ({
  person: factsOf(p, asOf),
  records: rows.flatMap((r) => {
    const s = stepRecordOf(r)
    return s === undefined ? [] : [s]
  }),
})
