import { type OrgKind, orgKinds } from "@xianfeng/core"
import { Result } from "effect"
import type { XfDb } from "../../database.js"
import { insertOrg } from "../../org-tree.js"
import { hasNoOrganizations } from "../../platform/bulk.js"
import { orgRowInScope, type Scope } from "../../platform/scope.js"
import { orgs } from "../../schema/index.js"
import { textOf } from "./cells.js"
import type { Importer } from "./engine.js"
import type { FieldSpec } from "./mapping.js"

/** 党组织: the organization tree, parents before children (in the file or already recorded). */
export interface OrgImportRow {
  readonly sheetRow: number
  readonly id: string
  /** Empty for the district's root. */
  readonly parentId: string
  readonly kind: OrgKind
  readonly name: string
  readonly shortName: string | null
}

export const orgFields: readonly FieldSpec[] = [
  {
    key: "code",
    zh: "党组织编码",
    en: "code",
    required: true,
    aliases: ["组织编码", "党组织代码", "编码", "唯一标识"],
  },
  { key: "name", zh: "党组织名称", en: "name", required: true, aliases: ["全称", "党组织全称", "组织名称"] },
  { key: "shortName", zh: "简称", en: "short name", aliases: ["党组织简称"] },
  {
    key: "parentCode",
    zh: "上级党组织编码",
    en: "parent code",
    required: true,
    aliases: ["上级编码", "上级唯一标识", "上级党组织代码"],
  },
  { key: "kind", zh: "组织类别", en: "kind", required: true, aliases: ["党组织类别", "组织类型"] },
]

const kindOf = (text: string): OrgKind | undefined => {
  const t = text.replace(/\s/g, "")
  for (const [k, label] of Object.entries(orgKinds)) if (label["zh-CN"] === t || k === t) return k as OrgKind
  if (t === "支部" || t === "联合党支部") return "branch"
  if (t === "总支") return "general-branch"
  if (["乡镇党委", "镇党委", "乡党委", "街道党工委", "街道党委", "乡镇（街道）党委"].includes(t))
    return "township-committee"
  if (t === "党委") return "party-committee"
  return undefined
}

interface OrgContext {
  readonly known: ReadonlySet<string>
  /** No organization exists yet: the file may hold the district's root (a row without a parent). */
  readonly empty: boolean
}

export const orgImporter: Importer<OrgImportRow, OrgContext> = {
  kind: "orgs",
  zh: "党组织",
  en: "Organizations",
  fields: orgFields,
  context: async (db: XfDb, scope: Scope) => {
    const rows = await db.select({ id: orgs.id }).from(orgs).where(orgRowInScope(scope))
    return { known: new Set(rows.map((r) => r.id)), empty: await hasNoOrganizations(db) }
  },
  checkRow: (row, ctx, out) => {
    const err = (field: string, zh: string, en: string) =>
      out.errors.push({ column: row.header(field), zh, en })
    const id = textOf(row.cell("code"))
    if (!/^[A-Za-z0-9_]{1,63}$/.test(id))
      err("code", `编码「${id}」只能由字母、数字组成（1至63位）`, "the code must be 1–63 letters or digits")
    if (ctx.known.has(id)) err("code", `编码「${id}」已存在`, `the code ${id} already exists`)
    const name = textOf(row.cell("name"))
    if (name === "" || name.length > 100)
      err("name", "名称应为1至100字", "the name must have 1–100 characters")
    const parentId = textOf(row.cell("parentCode"))
    if (parentId === "" && !ctx.empty)
      err(
        "parentCode",
        "请填写上级党组织编码（只有空数据库的第一行可以是区委等最高一级组织）",
        "the parent code is missing",
      )
    const kindText = textOf(row.cell("kind"))
    const kind = kindOf(kindText)
    if (kind === undefined)
      err("kind", `「${kindText}」不是可识别的组织类别`, `"${kindText}" is not an organization kind`)
    const shortName = textOf(row.cell("shortName"))
    if (out.errors.length > 0 || kind === undefined) return undefined
    return {
      sheetRow: row.sheetRow,
      id,
      parentId,
      kind,
      name,
      shortName: shortName === "" ? null : shortName,
    }
  },
  checkAll: async (_db, outcomes, ctx) => {
    const inFile = new Map<string, number>()
    for (const o of outcomes) {
      const v = o.value
      if (v === undefined) continue
      const first = inFile.get(v.id)
      if (first !== undefined)
        o.errors.push({ zh: `与第${first}行的编码相同（重复）`, en: `the same code as row ${first}` })
      else inFile.set(v.id, o.sheetRow)
    }
    let roots = 0
    for (const o of outcomes) {
      const v = o.value
      if (v === undefined) continue
      if (v.parentId === "") {
        if (++roots > 1)
          o.errors.push({
            zh: "只能有一个最高一级组织（不填上级编码的行）",
            en: "only one root organization",
          })
        continue
      }
      const parentRow = inFile.get(v.parentId)
      if (!ctx.known.has(v.parentId) && (parentRow === undefined || parentRow > o.sheetRow))
        o.errors.push({
          zh: `上级党组织「${v.parentId}」不存在（或不在您管理的范围内，或在文件中排在本行之后）`,
          en: `the parent ${v.parentId} is not known (or comes later in the file)`,
        })
    }
  },
  write: async (tx, _scope, values, _ctx, deps) => {
    let n = 0
    for (const v of values) {
      const base = {
        id: v.id,
        ...(v.parentId === "" ? {} : { parentId: v.parentId }),
        kind: v.kind,
        name: v.name,
      }
      const r = await insertOrg(tx, v.shortName === null ? base : { ...base, shortName: v.shortName })
      if (Result.isFailure(r)) throw new Error(`第${v.sheetRow}行：${r.failure.messageZh}`)
      n++
      if (n % 200 === 0) deps.onProgress?.("write", n, values.length)
    }
    return n
  },
}
