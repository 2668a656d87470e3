import { Result } from "effect"
import { type Citation, cite, documents, type LocalizedText } from "./citation.js"
import { type FieldError, fieldError } from "./errors.js"
import { type Verdict, verdict } from "./verdict.js"
import { choiceOf } from "./vocabulary.js"

/**
 * The kinds of party organization a district holds, top to bottom:
 * - `district-committee` 区委 (its organization department acts for it);
 * - `working-committee` 党工委, a party working committee dispatched by the district committee;
 * - `township-committee` 乡镇/街道党（工）委;
 * - `party-committee` 基层党委, a grassroots party committee;
 * - `general-branch` 党总支; `branch` 党支部;
 * - `party-group` 党组, the leading party group of a state organ.
 */
export const OrgKind = choiceOf([
  "district-committee",
  "working-committee",
  "township-committee",
  "party-committee",
  "general-branch",
  "branch",
  "party-group",
])
export type OrgKind = typeof OrgKind.Type

export const orgKinds: Readonly<Record<OrgKind, LocalizedText>> = {
  "district-committee": { "zh-CN": "区委", en: "district committee" },
  "working-committee": { "zh-CN": "党工委", en: "party working committee" },
  "township-committee": { "zh-CN": "乡镇（街道）党（工）委", en: "township or street committee" },
  "party-committee": { "zh-CN": "基层党委", en: "grassroots party committee" },
  "general-branch": { "zh-CN": "党总支", en: "general branch" },
  branch: { "zh-CN": "党支部", en: "branch" },
  "party-group": { "zh-CN": "党组", en: "leading party group" },
}

const committees: readonly OrgKind[] = ["working-committee", "township-committee", "party-committee"]

/** Which kinds may sit directly under which. */
export const allowedParents: Readonly<Record<OrgKind, readonly OrgKind[]>> = {
  "district-committee": [],
  "working-committee": ["district-committee"],
  "township-committee": ["district-committee", "working-committee"],
  "party-committee": ["district-committee", ...committees],
  "general-branch": ["district-committee", ...committees],
  branch: ["district-committee", ...committees, "general-branch"],
  "party-group": ["district-committee"],
}

/** An organization id doubles as an ltree label, so it is `[A-Za-z0-9_]`, 1–63 characters. */
export type OrgId = string
/** Ids from the root down, joined by dots: `d1.c03.b0457`. */
export type OrgPath = string

const LABEL = /^[A-Za-z0-9_]{1,63}$/

export const parseOrgId = (input: unknown, field = "orgId"): Result.Result<OrgId, FieldError> =>
  typeof input === "string" && LABEL.test(input)
    ? Result.succeed(input)
    : Result.fail(
        fieldError(
          field,
          "format",
          `${field} must be 1–63 letters, digits or _`,
          `${field}应为1至63位字母、数字或下划线`,
        ),
      )

export const parseOrgPath = (input: unknown, field = "path"): Result.Result<OrgPath, FieldError> =>
  typeof input === "string" && input.length <= 2000 && input.split(".").every((l) => LABEL.test(l))
    ? Result.succeed(input)
    : Result.fail(
        fieldError(
          field,
          "format",
          `${field} must be ids joined by dots (d1.c03.b0457)`,
          `${field}应为以点连接的组织编号（如d1.c03.b0457）`,
        ),
      )

export const childPath = (parent: OrgPath | undefined, id: OrgId): OrgPath =>
  parent ? `${parent}.${id}` : id

/** 'Is X inside Y's subtree': true for Y itself and everything below it. */
export const isInSubtree = (path: OrgPath, ancestor: OrgPath): boolean =>
  path === ancestor || path.startsWith(`${ancestor}.`)

/** The ancestors' paths, root first, excluding `path` itself. */
export const ancestorPaths = (path: OrgPath): OrgPath[] => {
  const labels = path.split(".")
  return labels.slice(0, -1).map((_, i) => labels.slice(0, i + 1).join("."))
}

export const depthOf = (path: OrgPath): number => path.split(".").length

/**
 * Whether `path` is a tree's root — a district (区), the organization department's own level with no parent —
 * so a read under it covers the whole tree: a path of one label, no dot (`d1`, not `d1.c03`).
 */
export const isRootPath = (path: OrgPath): boolean => !path.includes(".")

export interface OrgNode {
  readonly id: OrgId
  readonly kind: OrgKind
  readonly path: OrgPath
  /** 临时党组织: may not admit or approve members unless a rule says otherwise (DR 22). */
  readonly temporary?: boolean
}

/** Checks that `kind` may be placed under a parent of `parentKind` (undefined for the root). */
export const checkPlacement = (
  kind: OrgKind,
  parentKind: OrgKind | undefined,
): Result.Result<void, FieldError> => {
  if (parentKind === undefined) {
    return kind === "district-committee"
      ? Result.succeed(undefined)
      : Result.fail(
          fieldError(
            "parentId",
            "required",
            `a ${orgKinds[kind].en} needs a parent organization`,
            `${orgKinds[kind]["zh-CN"]}必须有上级组织`,
          ),
        )
  }
  return allowedParents[kind].includes(parentKind)
    ? Result.succeed(undefined)
    : Result.fail(
        fieldError(
          "parentId",
          "placement",
          `a ${orgKinds[kind].en} cannot be placed under a ${orgKinds[parentKind].en}`,
          `${orgKinds[kind]["zh-CN"]}不能设在${orgKinds[parentKind]["zh-CN"]}之下`,
        ),
      )
}

const DR22: readonly Citation[] = [cite(documents.developmentRules, "2026", 22)]

/**
 * May this organization approve admissions (and conversions)? Only a party committee approves; a
 * grassroots committee under a township or street committee, a general branch, a branch, a party group or
 * a temporary organization may not (DR 22, reference §1.7).
 */
export const approvalAuthority = (org: OrgNode, parentKind: OrgKind | undefined): Verdict => {
  const params = { kind: orgKinds[org.kind]["zh-CN"], kindEn: orgKinds[org.kind].en }
  if (org.temporary) return verdict("blocked", "ORG-APPROVE.temporary", DR22, params)
  switch (org.kind) {
    case "district-committee":
    case "working-committee":
    case "township-committee":
      return verdict("allowed", "ORG-APPROVE.committee", DR22, params)
    case "party-committee":
      return parentKind === "township-committee"
        ? verdict("blocked", "ORG-APPROVE.under-township", DR22, params)
        : verdict("allowed", "ORG-APPROVE.committee", DR22, params)
    default:
      return verdict("blocked", "ORG-APPROVE.not-committee", DR22, params)
  }
}

export const canApproveAdmissions = (org: OrgNode, parentKind: OrgKind | undefined): boolean =>
  approvalAuthority(org, parentKind).status === "allowed"

export const orgMessages = {
  "ORG-APPROVE.committee": { "zh-CN": "{kind}可以审批接收预备党员", en: "a {kindEn} may approve admissions" },
  "ORG-APPROVE.temporary": {
    "zh-CN": "临时党组织不能审批接收预备党员",
    en: "a temporary organization may not approve admissions",
  },
  "ORG-APPROVE.under-township": {
    "zh-CN": "乡镇（街道）党委所属的基层党委不能审批接收预备党员",
    en: "a grassroots committee under a township or street committee may not approve admissions",
  },
  "ORG-APPROVE.not-committee": {
    "zh-CN": "{kind}没有审批接收预备党员的权限，只有党委可以审批",
    en: "a {kindEn} may not approve admissions; only a party committee may",
  },
} as const
