/** One person's development case: the member in scope, their records and the policy that applies. */
import type { DevelopmentPolicy } from "@xianfeng/development-rules"
import type { XfDb } from "../database.js"
import { type MemberLoadOptions, memberInScope, type Scope, type ScopedMember } from "../platform/scope.js"
import {
  type CultivationRecordRow,
  type DevelopmentRecord,
  type Member,
  members,
  orgs,
} from "../schema/index.js"
import { cultivationRecordsOf } from "./cultivation.js"
import { loadDevelopmentPolicy } from "./policies.js"
import { developmentRecordsOf, removedDevelopmentRecordsOf } from "./records.js"

/**
 * The columns a development listing reads of a member (with its organization's name and path): enough to
 * judge the person's history (`PersonInput` of @xianfeng/development-rules) and to show them.
 */
export const developmentPersonColumns = {
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

/** A member as a development listing reads them (`developmentPersonColumns`). */
export type DevelopmentPerson = Pick<
  Member,
  Exclude<keyof typeof developmentPersonColumns, "orgName" | "orgPath">
> & {
  readonly orgName: string
  readonly orgPath: string
}

export interface DevelopmentCase {
  /** The member row with its organization's name and path. */
  readonly person: ScopedMember
  /** The member's development records, in date order (then in the order they were recorded). */
  readonly records: readonly DevelopmentRecord[]
  /** Records removed as entered in error (kept, out of the history), in the order they were removed. */
  readonly removed: readonly DevelopmentRecord[]
  /** The member's cultivation records (talks, thought reports, activities), in date order. */
  readonly cultivation: readonly CultivationRecordRow[]
  /** The development policy of the member's district. */
  readonly policy: DevelopmentPolicy
}

/**
 * A member's development case, if the member lies inside the scope; otherwise `NotInScope` (the API's 404).
 * With `lock`, the member row is locked for the rest of the transaction, so two steps recorded at once for
 * one person are judged one after the other.
 */
export const developmentCaseOf = async (
  db: XfDb,
  scope: Scope,
  memberId: string,
  options: MemberLoadOptions = {},
): Promise<DevelopmentCase> => {
  const person = await memberInScope(db, scope, memberId, options)
  const records = (await developmentRecordsOf(db, [person.id])).get(person.id) ?? []
  const removed = await removedDevelopmentRecordsOf(db, person.id)
  const cultivation = await cultivationRecordsOf(db, person.id)
  const { policy } = await loadDevelopmentPolicy(db, person.orgPath)
  return { person, records, removed, cultivation, policy }
}
