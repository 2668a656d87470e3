import { BILINGUAL_SEPARATOR, type UserRole as Role, staffRoles } from "@xianfeng/core"
import {
  type AuditAppender,
  asSystem,
  type Credential,
  callerOf,
  EpochMoved,
  type EpochScope,
  withCaller,
  withScope,
  type XfDb,
  type XfTx,
} from "@xianfeng/db"
import { Result, Schema, SchemaIssue } from "effect"
import type { Context, Hono } from "hono"
import { withReadAudit } from "../audit.js"
import { type Actor, requireActor } from "../auth/actor.js"
import type { ProcessCallerCache } from "../auth/caller-cache.js"
import { admitCaller, cachedActor, credentialOfRequest } from "../auth/middleware.js"
import type { Deps } from "../deps.js"
import { ApiProblem, problems } from "./problem.js"

export type Method = "get" | "post" | "patch" | "put" | "delete"

type Decoded<S> = S extends Schema.Top ? S["Type"] : undefined

export interface HandlerContext<P, Q, B> {
  readonly params: P
  readonly query: Q
  readonly body: B
  /** The signed-in user; routes with `auth: "public"` get undefined. */
  readonly actor: Actor
  readonly deps: Deps
  readonly c: Context
  /**
   * Set only for a route with `oneStatement` whose request it admits, when the caller came from the process's
   * cache: the caller's scope and the authentication epoch its entry was read under. The handler then runs its
   * read as one statement on `deps.db` — the pool, no transaction — that checks the epoch and sets the scope
   * itself (`memberInScopeAtEpoch`, `listMembersAtEpoch`), and nothing else on the database but `audit`, after
   * the read. Undefined: the handler runs in its transaction, as every other.
   */
  readonly atEpoch?: EpochScope
}

/**
 * One route: its schemas validate the request, document it in OpenAPI and type the handler. A handler
 * stays thin: it authorizes by scope inside its queries, calls a domain package, persists with its audit
 * row in one transaction and returns the response.
 */
export interface RouteSpec<P, Q, B, R extends Schema.Top> {
  readonly method: Method
  /** Hono path, e.g. `/api/members/:id`. */
  readonly path: string
  readonly summary: string
  readonly description?: string
  readonly tag: string
  readonly auth: "public" | "user"
  /**
   * `"none"`: the handler gets the pool, not one transaction around it — for the health probe, which must
   * answer 503 itself when the database is gone. Otherwise every handler runs in one transaction (see
   * `inOneTransaction`).
   */
  readonly transaction?: "none"
  /**
   * A GET whose handler can serve a cached caller in one statement (`HandlerContext.atEpoch`): says, from the
   * validated request, whether this one can (e.g. a list without a text search). Without it, or when it says
   * no, the request runs in its transaction. The handler must call `audit` only after its read: a read that
   * finds the epoch moved (`EpochMoved`) is served again on the usual path.
   */
  readonly oneStatement?: (request: { readonly params: Decoded<P>; readonly query: Decoded<Q> }) => boolean
  /**
   * Roles allowed; when omitted, every role of the staff (`staffRoles`): a `member` reaches only the routes
   * that name the role.
   */
  readonly roles?: readonly Role[]
  readonly params?: P
  readonly query?: Q
  readonly body?: B
  readonly response: R
  readonly status?: 200 | 201
  readonly handler: (ctx: HandlerContext<Decoded<P>, Decoded<Q>, Decoded<B>>) => Promise<R["Type"]>
}

// biome-ignore lint/suspicious/noExplicitAny: a route table holds routes of every shape
export type AnyRoute = RouteSpec<any, any, any, Schema.Top>

export const route = <
  R extends Schema.Top,
  P extends Schema.Top | undefined = undefined,
  Q extends Schema.Top | undefined = undefined,
  B extends Schema.Top | undefined = undefined,
>(
  spec: RouteSpec<P, Q, B, R>,
): AnyRoute => spec as AnyRoute

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** effect's usual validation sentences, said in Chinese for the people who read these messages. */
const zhMessages: readonly [RegExp, string][] = [
  [/^Expected a value between (\S+) and (\S+)$/, "应在$1到$2之间"],
  [/^Expected a value with a length of at least (\d+)$/, "长度至少为$1"],
  [/^Expected a value with a length of at most (\d+)$/, "长度不能超过$1"],
  [/^Expected a value greater than or equal to (\S+)$/, "不能小于$1"],
  [/^Expected an integer$/, "应为整数"],
  [/^Expected boolean$/, "应为true或false"],
  [/^Expected string\b.*$/, "应为文本"],
  [/^Expected number\b.*$/, "应为数字"],
  [/^Expected a UUID$/, "应为UUID格式的编号"],
  [/^Expected (".*")$/, "应为以下之一：$1"],
]

const inChinese = (message: string): string => {
  for (const [re, zh] of zhMessages) if (re.test(message)) return message.replace(re, zh)
  return message
}

/**
 * Text the database cannot store, anywhere in a request: a NUL character (PostgreSQL's text refuses
 * U+0000) or a lone surrogate (not Unicode, so not UTF-8). Found before any schema runs, for every path
 * parameter, query parameter and body field, each named by its path as the client sent it.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const storable = (s: string) => !s.includes("\u0000") && !LONE_SURROGATE.test(s)

const unstorableText = (input: unknown, path: readonly (string | number)[], found: string[]): string[] => {
  if (typeof input === "string") {
    if (!storable(input)) found.push(path.map(String).join("."))
  } else if (Array.isArray(input)) {
    for (const [i, v] of input.entries()) unstorableText(v, [...path, i], found)
  } else if (input !== null && typeof input === "object") {
    for (const [k, v] of Object.entries(input)) {
      // A key is text the client sent too; it is named as sent, with its characters escaped.
      if (!storable(k)) found.push([...path, JSON.stringify(k)].join("."))
      unstorableText(v, [...path, k], found)
    }
  }
  return found
}

const refuseUnstorableText = (input: unknown, where: "path" | "query" | "body") => {
  const fields = unstorableText(input, [], []).map((f) => (f === "" ? where : f))
  const first = fields[0]
  if (first === undefined) return
  throw problems.badRequest(
    `字段${first}含有无法保存的字符（U+0000 或不成对的代理项）`,
    `${first}: contains a character that cannot be stored (U+0000 or a lone surrogate)`,
    fields.map((field) => ({
      field,
      reason: "invalid-text",
      message: {
        "zh-CN": `字段${field}含有无法保存的字符（U+0000 或不成对的代理项）`,
        en: `${field}: contains a character that cannot be stored (U+0000 or a lone surrogate)`,
      },
    })),
  )
}

const decode = (schema: Schema.Top, input: unknown, where: "path" | "query" | "body") => {
  refuseUnstorableText(input, where)
  const result = Schema.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>)(input, {
    errors: "all",
    onExcessProperty: "error",
  })
  if (Result.isSuccess(result)) return result.success
  const issues = formatter(result.failure.issue).issues
  const errors = issues.map((i) => {
    const field = i.path && i.path.length > 0 ? i.path.map(String).join(".") : where
    const reason = /excess/i.test(i.message)
      ? "unknown-field"
      : /missing/i.test(i.message)
        ? "required"
        : "invalid"
    const [messageZh, messageEn] = i.message.includes(BILINGUAL_SEPARATOR)
      ? i.message.split(BILINGUAL_SEPARATOR)
      : [inChinese(i.message), i.message]
    const zh =
      reason === "unknown-field"
        ? `不认识的字段${field}`
        : reason === "required"
          ? `缺少必填字段${field}`
          : `字段${field}的值无效：${messageZh}`
    return { field, reason, message: { "zh-CN": zh, en: `${field}: ${messageEn}` } }
  })
  const first = errors[0]
  throw problems.badRequest(
    first ? first.message["zh-CN"] : "请求无效",
    first ? first.message.en : "invalid request",
    errors,
  )
}

const bodyError = (reason: string, zh: string, en: string) => ({
  field: "body",
  reason,
  message: { "zh-CN": zh, en },
})

const readBody = async (c: Context): Promise<unknown> => {
  const type = c.req.header("content-type") ?? ""
  if (!/^application\/json\b/i.test(type)) {
    throw problems.badRequest(
      "请求体应为 JSON（Content-Type: application/json）",
      "The body must be JSON (Content-Type: application/json)",
      [bodyError("content-type", "请求体应为 JSON", "the body must be JSON")],
    )
  }
  try {
    return await c.req.json()
  } catch {
    throw problems.badRequest("请求体不是有效的 JSON", "The body is not valid JSON", [
      bodyError("json", "请求体不是有效的 JSON", "the body is not valid JSON"),
    ])
  }
}

/**
 * Runs a handler in one transaction opened by `open` (`withScope` for a signed-in caller, so row-level security
 * sees the caller's subtree; `asSystem` for a public route such as sign-in). The handler's own transactions
 * become savepoints inside it. The transaction commits even when the handler throws: what the handler wrote
 * before throwing (the audit row of a refused attempt, a failed sign-in's count) stays written, as it did when
 * each of its transactions committed on its own; a database error has aborted the transaction anyway, and
 * COMMIT then rolls it back.
 */
const inOneTransaction = async <T>(
  open: <U>(fn: (tx: XfTx) => Promise<U>) => Promise<U>,
  handler: (db: XfDb) => Promise<T>,
): Promise<T> => {
  const outcome = await open(async (tx) => {
    try {
      return { ok: true as const, value: await handler(tx as unknown as XfDb) }
    } catch (error) {
      return { ok: false as const, error }
    }
  })
  if (!outcome.ok) throw outcome.error
  return outcome.value
}

/**
 * A read's transaction as its handler sees it: a transaction the handler opens inside it (`deps.db.transaction`)
 * runs in the request's own, without a SAVEPOINT and its RELEASE (two round trips). A read writes nothing a
 * savepoint would have to undo, and a failed statement fails the read either way.
 */
const withoutSavepoints = (tx: XfDb): XfDb =>
  new Proxy(tx, {
    get: (target, key, receiver) =>
      key === "transaction"
        ? <T>(fn: (inner: XfDb) => Promise<T>) => fn(receiver as XfDb)
        : Reflect.get(target, key, receiver),
  })

/**
 * Serves a read in one statement for a caller in `callers` (`RouteSpec.oneStatement`, `HandlerContext.atEpoch`):
 * no BEGIN, no epoch check of its own, no COMMIT — the handler's one statement checks the epoch, sets the scope
 * transaction-locally and reads, as its own transaction. `undefined` sends the request down the usual path:
 * no entry, a session whose idle timeout must be written, a role the route refuses or input it refuses (both
 * answered there, after the caller is checked against the database, so a signed-out caller gets 401, not 403
 * or 422), a request the route serves only in a transaction, or an epoch that moved (the cache then empties,
 * and the look-up answers).
 */
const inOneStatement = async (
  c: Context,
  r: AnyRoute,
  deps: Deps,
  credential: Credential,
  callers: ProcessCallerCache,
): Promise<{ readonly value: unknown } | undefined> => {
  const hit = callers.get(credential)
  if (hit === undefined || r.oneStatement === undefined) return undefined
  const actor = cachedActor(credential, hit.caller)
  if (actor === undefined || !(r.roles ?? staffRoles).includes(actor.role)) return undefined
  let params: unknown
  let query: unknown
  try {
    params = r.params ? decode(r.params, c.req.param(), "path") : undefined
    query = r.query ? decode(r.query, c.req.query(), "query") : undefined
  } catch {
    return undefined
  }
  if (!r.oneStatement({ params, query })) return undefined
  c.set("actor", actor)
  try {
    const at = { orgPath: actor.orgPath, epoch: hit.epoch }
    return { value: await r.handler({ params, query, body: undefined, actor, deps, c, atEpoch: at }) }
  } catch (error) {
    if (!(error instanceof EpochMoved)) throw error
    callers.seen(error.epoch)
    c.set("actor", undefined)
    return undefined
  }
}

/**
 * Registers routes on the app. A signed-in route finds its caller in the first statement of its transaction
 * (`withCaller`: session or token, user, role and scope in one statement, which also sets the scope row-level
 * security reads; with the caller in `callers`, that statement only checks the authentication epoch and sets
 * the scope), then admits the caller (CSRF, idle timeout), checks the role, validates and runs the handler in
 * that same transaction. A public route looks up a credential it is sent in one statement of its
 * own (a CSRF-less cookie write is refused there too).
 *
 * A read (a GET route with its transaction) hands its audit rows to `appender` (`withReadAudit`): they are
 * group-committed with other requests' rows after the read's transaction, and the read answers once they are
 * durable. A write keeps its audit row in its own transaction (`audit`), committed with the work. A read whose
 * route says it can (`oneStatement`), for a cached caller, runs no transaction at all: one statement checks the
 * epoch, sets the scope and reads (`inOneStatement`).
 */
export const mountRoutes = (
  app: Hono,
  routes: readonly AnyRoute[],
  deps: Deps,
  appender: AuditAppender,
  callers: ProcessCallerCache,
) => {
  for (const r of routes) {
    const read = r.method === "get" && r.transaction !== "none"
    app.on(r.method.toUpperCase(), r.path, async (c) => {
      const credential = credentialOfRequest(c)
      const prepare = async (deps: Deps) => {
        const actor =
          r.auth === "user" ? requireActor(c, r.roles ?? staffRoles) : (undefined as unknown as Actor)
        const params = r.params ? decode(r.params, c.req.param(), "path") : undefined
        const query = r.query ? decode(r.query, c.req.query(), "query") : undefined
        const body = r.body ? decode(r.body, await readBody(c), "body") : undefined
        return (db: XfDb) =>
          r.handler({
            params,
            query,
            body,
            actor,
            deps: { ...deps, db: read ? withoutSavepoints(db) : db },
            c,
          })
      }
      // `deps` as this request's handlers see it: a read's carries the list its audit rows collect into.
      const serve = async (deps: Deps): Promise<unknown> => {
        if (r.auth === "user" && r.transaction !== "none") {
          if (credential === undefined) throw problems.unauthorized()
          if (read) {
            const served = await inOneStatement(c, r, deps, credential, callers)
            if (served !== undefined) return served.value
          }
          return inOneTransaction(
            (fn) =>
              withCaller(
                deps.db,
                credential,
                async (tx, caller) => {
                  await admitCaller(c, tx as unknown as XfDb, credential, caller, callers)
                  return fn(tx)
                },
                callers,
              ),
            async (db) => (await prepare(deps))(db),
          )
        }
        if (credential !== undefined) {
          await admitCaller(c, deps.db, credential, await callerOf(deps.db, credential))
        }
        const run = await prepare(deps)
        return r.transaction === "none"
          ? run(deps.db)
          : inOneTransaction(
              r.auth === "user"
                ? (fn) => withScope(deps.db, requireActor(c), fn)
                : (fn) => asSystem(deps.db, fn),
              run,
            )
      }
      const result = read
        ? await withReadAudit(appender, (readAudit) => serve({ ...deps, readAudit }))
        : await serve(deps)
      if (result instanceof Response) return result
      return c.json(result as object, r.status ?? 200, { "cache-control": "no-store" })
    })
  }
}

export { ApiProblem }
