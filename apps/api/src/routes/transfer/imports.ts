import {
  checkImport,
  describeProblems,
  type ImportCheck,
  type Importer,
  importable,
  importErrorReport,
  importerOf,
  importers,
  proposeMapping,
  readTable,
  runImport,
  type Table,
  UnreadableFile,
} from "@xianfeng/db"
import { todayOf } from "../../deps.js"
import { attachmentDisposition, fileResponse, XLSX_MEDIA_TYPE } from "../../http/file-response.js"
import { ApiProblem, type Lang, langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import {
  type ImportCheckView,
  ImportKindList,
  ImportKindParams,
  ImportResultView,
  ImportUpload,
  importKinds,
} from "./contract.js"
import { transferPermissions } from "./permissions.js"

const MAX_ROWS_SHOWN = 500

const importerFor = (kind: string): Importer => {
  const importer = importerOf(kind)
  if (importer === undefined) throw problems.notFound()
  return importer
}

const tableOf = async (upload: { fileName: string; content: string }): Promise<Table> => {
  try {
    return await readTable(new Uint8Array(Buffer.from(upload.content, "base64")), upload.fileName)
  } catch (e) {
    if (e instanceof UnreadableFile)
      throw problems.badRequest(e.messageZh, e.message, [
        { field: "content", reason: "unreadable", message: { "zh-CN": e.messageZh, en: e.message } },
      ])
    throw problems.badRequest("无法读取该文件", "the file cannot be read", [
      {
        field: "content",
        reason: "unreadable",
        message: { "zh-CN": "无法读取该文件", en: "the file cannot be read" },
      },
    ])
  }
}

const checkView = (check: ImportCheck, lang: Lang): ImportCheckView => ({
  kind: check.kind as ImportCheckView["kind"],
  headers: [...check.headers],
  mapping: { ...check.mapping },
  mappingProblems: check.mappingProblems.map((p) => (lang === "en" ? p.en : p.zh)),
  total: check.total,
  withErrors: check.withErrors,
  withWarnings: check.withWarnings,
  importable: importable(check),
  rows: check.rows
    .filter((r) => r.errors.length + r.warnings.length + r.notes.length > 0)
    .sort((a, b) => b.errors.length - a.errors.length || a.sheetRow - b.sheetRow)
    .slice(0, MAX_ROWS_SHOWN)
    .sort((a, b) => a.sheetRow - b.sheetRow)
    .map((r) => {
      const p = (x: { column?: string; zh: string; en: string }) => ({
        ...(x.column === undefined ? {} : { column: x.column }),
        message: lang === "en" ? x.en : x.zh,
      })
      return {
        row: r.sheetRow,
        errors: r.errors.map(p),
        warnings: r.warnings.map(p),
        notes: r.notes.map(p),
        summary: describeProblems(r, lang),
      }
    }),
})

export const listImportKinds = route({
  method: "get",
  path: "/api/import/kinds",
  summary: "Import: the kinds of spreadsheet that can be imported, with their fields",
  tag: "transfer",
  auth: "user",
  roles: transferPermissions.import,
  response: ImportKindList,
  handler: async ({ c }) => {
    const lang = langOf(c)
    return importKinds
      .filter((k) => importers[k] !== undefined)
      .map((kind) => {
        const i = importerFor(kind)
        return {
          kind,
          label: lang === "en" ? i.en : i.zh,
          fields: i.fields.map((f) => ({
            key: f.key,
            label: lang === "en" ? f.en : f.zh,
            required: f.required === true,
          })),
        }
      })
  },
})

const depsOf = (
  deps: { vault: import("@xianfeng/db").IdVault; now: () => Date },
  actor: { userId: string; role: string },
) => ({
  vault: deps.vault,
  asOf: todayOf(deps),
  at: deps.now(),
  actor: { id: actor.userId, role: actor.role },
})

export const checkImportFile = route({
  method: "post",
  path: "/api/import/:kind/check",
  summary:
    "Import: read an upload (.xlsx, or .csv in UTF-8 or GBK), propose or apply the column mapping and validate every row; writes nothing",
  tag: "transfer",
  auth: "user",
  roles: transferPermissions.import,
  params: ImportKindParams,
  body: ImportUpload,
  response: ImportResultView,
  handler: async ({ actor, params, body, deps, c }) => {
    const importer = importerFor(params.kind)
    const table = await tableOf(body)
    const mapping = body.mapping ?? (await proposeMapping(deps.db, actor, importer, table.headers))
    const { context: _, ...check } = await checkImport(
      deps.db,
      actor,
      importer,
      table,
      mapping,
      depsOf(deps, actor),
    )
    return { written: 0, check: checkView(check, langOf(c)) }
  },
})

const XlsxFile = fileResponse(
  XLSX_MEDIA_TYPE,
  "The row-level error report (.xlsx, Content-Disposition: attachment)",
)

export const importReport = route({
  method: "post",
  path: "/api/import/:kind/report",
  summary:
    "Import: the row-level error report of an upload (.xlsx): the rows with a problem as uploaded, and a column saying what is wrong and where",
  tag: "transfer",
  auth: "user",
  roles: transferPermissions.import,
  params: ImportKindParams,
  body: ImportUpload,
  response: XlsxFile,
  handler: async ({ actor, params, body, deps }) => {
    const importer = importerFor(params.kind)
    const table = await tableOf(body)
    const mapping = body.mapping ?? (await proposeMapping(deps.db, actor, importer, table.headers))
    const check = await checkImport(deps.db, actor, importer, table, mapping, depsOf(deps, actor))
    const bytes = await importErrorReport(table, check)
    const stem = body.fileName.replace(/\.(xlsx|csv)$/iu, "")
    return new Response(bytes, {
      headers: {
        "content-type": XLSX_MEDIA_TYPE,
        "content-disposition": attachmentDisposition(`${stem}-错误报告.xlsx`, "import-errors.xlsx"),
        "cache-control": "no-store",
      },
    })
  },
})

export const confirmImport = route({
  method: "post",
  path: "/api/import/:kind",
  summary:
    "Import: validate every row again and write them all, or nothing (422 with the rows' problems when any row has an error)",
  tag: "transfer",
  auth: "user",
  roles: transferPermissions.import,
  params: ImportKindParams,
  body: ImportUpload,
  response: ImportResultView,
  status: 201,
  handler: async ({ actor, params, body, deps, c }) => {
    const importer = importerFor(params.kind)
    const table = await tableOf(body)
    const mapping = body.mapping ?? (await proposeMapping(deps.db, actor, importer, table.headers))
    const lang = langOf(c)
    const result = await deps.db.transaction((tx) =>
      runImport(tx as never, actor, importer, table, mapping, depsOf(deps, actor), {
        fileName: body.fileName,
      }),
    )
    const view = checkView(result.check, lang)
    if (result.written === 0 && !importable(result.check))
      throw new ApiProblem(
        422,
        "import-refused",
        { "zh-CN": "未导入", en: "Not imported" },
        {
          "zh-CN": `有${result.check.withErrors}行存在错误，全部未导入。请下载错误报告，改正后重新导入。`,
          en: `${result.check.withErrors} rows have errors; nothing was imported. Download the error report, correct the file and import it again.`,
        },
        view.mappingProblems.length > 0
          ? view.mappingProblems.map((m) => ({
              field: "mapping",
              reason: "incomplete",
              message: { "zh-CN": m, en: m },
            }))
          : undefined,
        { check: view },
      )
    return { written: result.written, check: view }
  },
})
