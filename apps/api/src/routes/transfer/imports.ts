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
  withScope,
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
  ImportStreamQuery,
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
    if (result.written === 0 && !importable(result.check)) throw refusal(result.check, view)
    return { written: result.written, check: view }
  },
})

/** The 422 of a refused import: nothing written, the rows' problems in the body. */
const refusal = (check: ImportCheck, view: ImportCheckView) =>
  new ApiProblem(
    422,
    "import-refused",
    { "zh-CN": "未导入", en: "Not imported" },
    {
      "zh-CN": `有${check.withErrors}行存在错误，全部未导入。请下载错误报告，改正后重新导入。`,
      en: `${check.withErrors} rows have errors; nothing was imported. Download the error report, correct the file and import it again.`,
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

const NdjsonStream = fileResponse(
  "application/x-ndjson",
  'One JSON object a line: `{type: "progress", phase: "read"|"check"|"write", done, total}` as the server ' +
    'works, then one `{type: "result", status, body}` (status 201 or 200 with the result, 422 with the problem)',
)

export const streamImport = route({
  method: "post",
  path: "/api/import/:kind/stream",
  summary:
    "Import with the server's progress: the same work as POST /api/import/:kind (or, with ?check=true, as its check), answered as a stream of progress lines and a last line with the result",
  description:
    "An unreadable upload is a 400 before anything is streamed. Once streaming, the last line carries what the " +
    "plain endpoint would answer: `status` 201 (written), 200 (checked) or 422 (refused: nothing was written) " +
    "and the `body` (the result, or the problem). Progress lines come every 500 rows checked and every batch " +
    "written; the last progress line of a phase has `done` equal to `total`.",
  tag: "transfer",
  auth: "user",
  roles: transferPermissions.import,
  params: ImportKindParams,
  query: ImportStreamQuery,
  body: ImportUpload,
  response: NdjsonStream,
  // The work runs in its own scoped transaction while the answer streams, after the handler has returned.
  transaction: "none",
  handler: async ({ actor, params, query, body, deps, c }) => {
    const importer = importerFor(params.kind)
    const table = await tableOf(body)
    const lang = langOf(c)
    const onlyCheck = query.check === "true"
    const encoder = new TextEncoder()
    const stream = new ReadableStream<Uint8Array>({
      start: async (controller) => {
        const send = (line: Record<string, unknown>) =>
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`))
        const progress = (phase: "read" | "check" | "write", done: number, total: number) =>
          send({ type: "progress", phase, done, total })
        progress("read", table.rows.length, table.rows.length)
        try {
          const answer = await withScope(deps.db, actor, async (tx) => {
            const db = tx as never
            const mapping = body.mapping ?? (await proposeMapping(db, actor, importer, table.headers))
            const importDeps = { ...depsOf(deps, actor), onProgress: progress }
            if (onlyCheck) {
              const { context: _, ...check } = await checkImport(
                db,
                actor,
                importer,
                table,
                mapping,
                importDeps,
              )
              return { status: 200, body: { written: 0, check: checkView(check, lang) } }
            }
            const result = await runImport(db, actor, importer, table, mapping, importDeps, {
              fileName: body.fileName,
            })
            const view = checkView(result.check, lang)
            return result.written === 0 && !importable(result.check)
              ? { status: 422, body: refusal(result.check, view).body(lang) }
              : { status: 201, body: { written: result.written, check: view } }
          })
          send({ type: "result", ...answer })
        } catch (e) {
          const problem =
            e instanceof ApiProblem
              ? e
              : new ApiProblem(
                  500,
                  "import-failed",
                  { "zh-CN": "导入失败", en: "The import failed" },
                  {
                    "zh-CN": "导入时发生错误，全部未导入。",
                    en: "An error occurred; nothing was imported.",
                  },
                )
          send({ type: "result", status: problem.status, body: problem.body(lang) })
        }
        controller.close()
      },
    })
    return new Response(stream, {
      headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
    })
  },
})
