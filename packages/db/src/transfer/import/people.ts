import { type MemberStage, type PlainDate, parseIdNumber } from "@xianfeng/core"
import { eq } from "drizzle-orm"
import { Result } from "effect"
import type { XfDb } from "../../database.js"
import type { IdVault } from "../../id-vault.js"
import { nameSearchKey } from "../../pinyin.js"
import { memberRowsInScope, orgRowInScope, type Scope } from "../../platform/scope.js"
import { members, orgs } from "../../schema/index.js"
import { textOf } from "./cells.js"
import type { MappedRow, RowOutcome } from "./engine.js"

/**
 * What the ledger imports (meetings, class attendance, the care ledger, dues) share: finding a row's
 * organization (by code or name) and its members (by ID number or by name in the organization) among those of
 * the caller's scope, loaded once per import in two queries.
 */

/** An organization of the scope. */
export interface OrgRef {
  readonly id: string
  readonly name: string
  readonly shortName: string | null
}

/** A member of the scope, as the ledger imports need them. */
export interface PersonRef {
  readonly id: string
  readonly name: string
  readonly orgId: string
  readonly stage: MemberStage
  readonly status: string
}

export interface PeopleIndex {
  readonly orgById: ReadonlyMap<string, OrgRef>
  readonly orgByName: ReadonlyMap<string, readonly OrgRef[]>
  readonly byHash: ReadonlyMap<string, PersonRef>
  /** `orgId` + NUL + the name without separators → the members of that name in the organization. */
  readonly byOrgName: ReadonlyMap<string, readonly PersonRef[]>
}

/** An organization name as compared: without the 中共 prefix, separators and spaces. */
export const orgNameKey = (name: string): string => nameSearchKey(name).replace(/^中国共产党|^中共/, "")

const orgNameKeyOf = (orgId: string, name: string) => `${orgId}\u0000${nameSearchKey(name)}`

/** Loads the organizations and members of the scope (two queries). */
export const loadPeople = async (db: XfDb, scope: Scope): Promise<PeopleIndex> => {
  const orgRows = await db
    .select({ id: orgs.id, name: orgs.name, shortName: orgs.shortName })
    .from(orgs)
    .where(orgRowInScope(scope))
  const orgById = new Map(orgRows.map((r) => [r.id, r]))
  const orgByName = new Map<string, OrgRef[]>()
  for (const r of orgRows)
    for (const n of new Set([orgNameKey(r.name), ...(r.shortName === null ? [] : [orgNameKey(r.shortName)])]))
      orgByName.set(n, [...(orgByName.get(n) ?? []), r])
  const people = await db
    .select({
      id: members.id,
      name: members.name,
      orgId: members.orgId,
      stage: members.stage,
      status: members.status,
      hash: members.idNumberHash,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(memberRowsInScope(scope))
  const byHash = new Map<string, PersonRef>()
  const byOrgName = new Map<string, PersonRef[]>()
  for (const { hash, ...p } of people) {
    if (hash !== null) byHash.set(hash, p)
    const k = orgNameKeyOf(p.orgId, p.name)
    const list = byOrgName.get(k)
    if (list === undefined) byOrgName.set(k, [p])
    else list.push(p)
  }
  return { orgById, orgByName, byHash, byOrgName }
}

/** Adds an error about `field` of the row (named by its header). */
export const errorOf =
  (row: MappedRow, out: RowOutcome<unknown>) =>
  (field: string | undefined, zh: string, en: string): void => {
    out.errors.push({ ...(field === undefined ? {} : { column: row.header(field) }), zh, en })
  }

/**
 * The row's organization: its code (`codeField`), else its name (`nameField`); both must lie in the scope.
 * Adds the error and returns undefined when neither finds exactly one.
 */
export const resolveOrg = (
  row: MappedRow,
  out: RowOutcome<unknown>,
  index: PeopleIndex,
  codeField: string,
  nameField: string,
): OrgRef | undefined => {
  const err = errorOf(row, out)
  const code = textOf(row.cell(codeField))
  const name = textOf(row.cell(nameField))
  if (code !== "") {
    const org = index.orgById.get(code)
    if (org === undefined)
      err(
        codeField,
        `党组织编码「${code}」不存在（或不在您管理的范围内）`,
        `no organization "${code}" in your scope`,
      )
    return org
  }
  if (name === "") {
    err(nameField, "请填写党组织（编码或名称）", "the organization (code or name) is missing")
    return undefined
  }
  const found = index.orgByName.get(orgNameKey(name)) ?? []
  if (found.length === 0)
    err(
      nameField,
      `党组织「${name}」不存在（或不在您管理的范围内）`,
      `no organization "${name}" in your scope`,
    )
  else if (found.length > 1)
    err(
      nameField,
      `有多个党组织名为「${name}」，请填写党组织编码`,
      `several organizations are named "${name}"`,
    )
  return found.length === 1 ? found[0] : undefined
}

/**
 * The member a row names: by ID number (`idField`, checked with its check digit) when given, else by name in
 * the organization `orgId` (every separator form of a name and none are the same name). With `orgId`, the
 * member must belong to it. Adds the error and returns undefined otherwise.
 */
export const resolveMember = (
  row: MappedRow,
  out: RowOutcome<unknown>,
  index: PeopleIndex,
  deps: { readonly vault: IdVault; readonly asOf: PlainDate },
  fields: { readonly name: string; readonly idNumber: string },
  org: OrgRef | undefined,
): PersonRef | undefined => {
  const err = errorOf(row, out)
  const name = textOf(row.cell(fields.name))
  const idText = textOf(row.cell(fields.idNumber))
  if (idText !== "") {
    const id = parseIdNumber(idText, { field: row.header(fields.idNumber), asOf: deps.asOf })
    if (Result.isFailure(id)) {
      err(fields.idNumber, id.failure.messageZh, id.failure.message)
      return undefined
    }
    const p = index.byHash.get(deps.vault.blindIndex(id.success.value))
    if (p === undefined) {
      err(
        fields.idNumber,
        "系统中没有该身份证号码的党员（或不在您管理的范围内），请先导入党员信息",
        "no member with this ID number in your scope",
      )
      return undefined
    }
    if (name !== "" && nameSearchKey(name) !== nameSearchKey(p.name))
      err(
        fields.name,
        `姓名「${name}」与身份证号码对应的「${p.name}」不符`,
        `the name differs from the ID number's member`,
      )
    if (org !== undefined && p.orgId !== org.id) {
      err(fields.name, `${p.name}不是「${org.name}」的党员`, `${p.name} is not a member of ${org.name}`)
      return undefined
    }
    return p
  }
  if (name === "") {
    err(fields.name, "请填写姓名或身份证号码", "the name (or ID number) is missing")
    return undefined
  }
  if (org === undefined) return undefined
  const found = index.byOrgName.get(orgNameKeyOf(org.id, name)) ?? []
  if (found.length === 0)
    err(fields.name, `「${org.name}」没有名为「${name}」的党员`, `no member "${name}" in ${org.name}`)
  else if (found.length > 1)
    err(
      fields.name,
      `「${org.name}」有${found.length}位名为「${name}」的党员，请填写身份证号码`,
      `several members named "${name}" in ${org.name}; give the ID number`,
    )
  return found.length === 1 ? found[0] : undefined
}

/** Finds the member named `name` in organization `orgId` (for a list of names in one cell). */
export const membersNamed = (index: PeopleIndex, orgId: string, name: string): readonly PersonRef[] =>
  index.byOrgName.get(orgNameKeyOf(orgId, name)) ?? []
