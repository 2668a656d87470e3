import { makeIdNumber, Temporal } from "@xianfeng/core"
import { members, orgs, rowsOf, users } from "@xianfeng/db"
import { sql } from "drizzle-orm"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { backends, SMALL_DEMO_MEMBERS, type TestSystem, testSystem, userWithToken } from "./support.js"

/**
 * Drives the served OpenAPI document with generated and mutated requests for every operation of every area:
 * values drawn from each operation's own schemas (and ids that exist, so requests reach past the 404), then
 * mutated — text the database cannot store, numbers past the column, dates that do not exist, wrong types,
 * missing and unknown fields, bodies that are not JSON. Whatever comes, the API answers:
 *
 * - never 5xx;
 * - a 400 names each field it refuses (`errors[].field`); a 422 carries the rule verdicts that refused it;
 * - a refused write changes no row (row triggers on every table count what committed statements insert,
 *   delete or change; the audit log and the per-minute counters are left out, because recording a refusal
 *   there is the point).
 *
 * Small mode (the default, in `pnpm test`): about 400 requests per backend. Full mode: set
 * `XF_FUZZ_REQUESTS` (e.g. `XF_FUZZ_REQUESTS=10000`) for that many requests per backend, and `XF_FUZZ_SEED`
 * to replay a run (see apps/api/README.md).
 */
const REQUESTS = Number(process.env.XF_FUZZ_REQUESTS ?? 400)
const SEED = Number(process.env.XF_FUZZ_SEED ?? 20261127)

type Json = Record<string, unknown>
interface Operation {
  readonly method: string
  readonly path: string
  readonly parameters: readonly { name: string; in: "path" | "query"; required: boolean; schema: Json }[]
  readonly body?: Json
}
interface Request {
  readonly path: string
  readonly query: string
  readonly body?: string | undefined
  readonly contentType?: string
}

/** Values the database cannot store or a column cannot hold, and other things a client might send. */
const evilStrings = [
  "",
  " ",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31",
  "+02026-01-01",
  "'; drop table members; --",
  "\u202e反转",
  "𠀀𠀁",
  "%00",
  "../../etc/passwd",
  "x".repeat(5000),
]
const evilNumbers = [2147483648, -2147483649, 2 ** 53, -(2 ** 53), 1e308, -1, 0, 0.5, -0.0]
const wrongTypes: unknown[] = [null, true, [], {}, "1", 1]

/** What PostgreSQL's text cannot store: the first thing a schema-valid request must not smuggle in. */
const unstorable = ["\u0000", "a\u0000b", "\ud800", "x\udfffy"]

const evilValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...unstorable) },
  { weight: 3, arbitrary: fc.constantFrom(...evilStrings) },
  { weight: 2, arbitrary: fc.constantFrom(...evilNumbers) },
  { weight: 1, arbitrary: fc.constantFrom(...wrongTypes) },
)

/** A fitting string with something unstorable inside. */
const smuggled = (s: unknown) =>
  fc.constantFrom(...unstorable).map((u) => (typeof s === "string" ? `${s.slice(0, 3)}${u}${s.slice(3)}` : u))

/** Resident ID numbers with a right check digit (GB 11643), so a create gets past the parser to the database. */
const idNumbers = fc
  .tuple(
    fc.date({ min: new Date("1950-01-01"), max: new Date("2005-12-31"), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([d, n]) => makeIdNumber("330199", Temporal.PlainDate.from(d.toISOString().slice(0, 10)), n))

interface Known {
  readonly orgIds: readonly string[]
  readonly memberIds: readonly string[]
  readonly userIds: readonly string[]
}

/** Ids that exist, for fields and parameters whose name says what they are. */
const knownFor = (name: string, known: Known): readonly string[] | undefined => {
  if (/^(orgId|parentId|toOrgId)$/.test(name)) return known.orgIds
  if (name === "memberId") return known.memberIds
  return undefined
}

/** An arbitrary value that fits `schema` (a JSON Schema as effect writes it), most of the time. */
const fromSchema = (
  schema: Json,
  defs: Record<string, Json>,
  name: string,
  known: Known,
): fc.Arbitrary<unknown> => {
  if (typeof schema.$ref === "string") {
    const ref = defs[schema.$ref.replace(/^#\/\$defs\//, "")]
    return ref ? fromSchema(ref, defs, name, known) : fc.anything()
  }
  if (Array.isArray(schema.anyOf))
    return fc.oneof(...(schema.anyOf as Json[]).map((s) => fromSchema(s, defs, name, known)))
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  if ("const" in schema) return fc.constant(schema.const)
  const ids = knownFor(name, known)
  switch (schema.type) {
    case "string": {
      const base =
        schema.format === "uuid"
          ? fc.uuid()
          : typeof schema.pattern === "string"
            ? fc.stringMatching(new RegExp(schema.pattern as string))
            : fc.string({
                minLength: (schema.minLength as number | undefined) ?? 0,
                maxLength: Math.min((schema.maxLength as number | undefined) ?? 40, 60),
                unit: "grapheme",
              })
      const dates = /On$|Date$|^asOf$/.test(name)
        ? [
            fc
              .date({ min: new Date("1950-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
              .map((d) => d.toISOString().slice(0, 10)),
          ]
        : []
      if (name === "idNumber")
        return fc.oneof({ weight: 4, arbitrary: idNumbers }, { weight: 1, arbitrary: base })
      return ids && ids.length > 0
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...ids) },
            { weight: 1, arbitrary: base },
            ...dates,
          )
        : fc.oneof(base, ...dates)
    }
    case "integer":
      return fc.oneof(
        fc.integer({
          min: (schema.minimum as number | undefined) ?? -1000,
          max: (schema.maximum as number | undefined) ?? 1000,
        }),
        name === "version" ? fc.integer({ min: 1, max: 3 }) : fc.integer({ min: 0, max: 10 }),
      )
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true })
    case "boolean":
      return fc.boolean()
    case "array":
      return fc.array(fromSchema((schema.items as Json | undefined) ?? {}, defs, name, known), {
        maxLength: 4,
      })
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Json>
      if (Object.keys(props).length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
      const required = (schema.required ?? []) as string[]
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, v] of Object.entries(props)) model[k] = fromSchema(v, defs, k, known)
      return fc.record(model, { requiredKeys: required })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/**
 * Mutates a fitting object: one field made evil (or a text field given an unstorable character, the rest
 * left fitting so the request reaches the database), one required field dropped, or an unknown field added.
 */
const mutate = (value: unknown): fc.Arbitrary<unknown> => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return evilValue
  const keys = Object.keys(value)
  const texts = keys.filter((k) => typeof (value as Json)[k] === "string")
  if (keys.length === 0) return evilValue.map((v) => ({ zzz: v }))
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...keys), evilValue).map(([k, v]) => ({ ...value, [k]: v })),
    },
    ...(texts.length > 0
      ? [
          {
            weight: 3,
            arbitrary: fc
              .constantFrom(...texts)
              .chain((k) => smuggled((value as Json)[k]).map((v) => ({ ...value, [k]: v }))),
          },
        ]
      : []),
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...keys)
        .map((k) => Object.fromEntries(Object.entries(value).filter(([x]) => x !== k))),
    },
    { weight: 1, arbitrary: evilValue.map((v) => ({ ...value, unexpected: v })) },
  )
}

/** A fitting value, or (about half the time) a mutated one. */
const fitOrMutated = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  arb.chain((v) => fc.oneof({ weight: 1, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: mutate(v) }))

/** A string as a URL carries it: a lone surrogate cannot be percent-encoded, so its UTF-8 bytes are sent. */
const inUrl = (v: unknown): string => {
  const s = typeof v === "string" ? v : (JSON.stringify(v) ?? "")
  try {
    return encodeURIComponent(s)
  } catch {
    return "%ED%A0%80"
  }
}

const requestOf = (op: Operation, defs: Record<string, Json>, known: Known): fc.Arbitrary<Request> => {
  const pathParams = op.parameters.filter((p) => p.in === "path")
  const queryParams = op.parameters.filter((p) => p.in === "query")
  const value = (p: { name: string; schema: Json }) =>
    fc.oneof(
      { weight: 3, arbitrary: fromSchema(p.schema, defs, p.name, known) },
      { weight: 1, arbitrary: evilValue },
      ...(p.name === "id" && op.path.startsWith("/api/members")
        ? [{ weight: 4, arbitrary: fc.constantFrom(...known.memberIds) }]
        : p.name === "id" && op.path.startsWith("/api/orgs")
          ? [{ weight: 4, arbitrary: fc.constantFrom(...known.orgIds) }]
          : p.name === "id" && op.path.startsWith("/api/users")
            ? [{ weight: 4, arbitrary: fc.constantFrom(...known.userIds) }]
            : []),
      ...(/^(page|pageSize|days|year|hours|atLeast)$/.test(p.name)
        ? [{ weight: 3, arbitrary: fc.integer({ min: -5, max: 3000 }).map(String) }]
        : []),
    )
  const pathArb = fc
    .tuple(...pathParams.map(value))
    .map((vs) => pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, inUrl(vs[i])), op.path))
  const queryArb = fc
    .tuple(...queryParams.map((p) => fc.option(value(p), { nil: undefined, freq: p.required ? 10 : 2 })))
    .chain((vs) =>
      fc
        .oneof(
          { weight: 8, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom("unknown", "q"), evilValue) },
        )
        .map((extra) =>
          [
            ...queryParams.flatMap((p, i) => (vs[i] === undefined ? [] : [`${p.name}=${inUrl(vs[i])}`])),
            ...(extra ? [`${extra[0]}=${inUrl(extra[1])}`] : []),
          ].join("&"),
        ),
    )
  const bodyArb: fc.Arbitrary<Pick<Request, "body" | "contentType">> = op.body
    ? fc.oneof(
        {
          weight: 12,
          arbitrary: fitOrMutated(
            fromSchema(op.body, (op.body.$defs ?? defs) as Record<string, Json>, "body", known),
          ).map((b) => ({ body: JSON.stringify(b) })),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom("{", "[]", "null", '{"a":', "\u0000").map((b) => ({ body: b })),
        },
        { weight: 1, arbitrary: fc.constant({ body: "{}", contentType: "text/plain" }) },
      )
    : fc.constant({})
  return fc.tuple(pathArb, queryArb, bodyArb).map(([path, query, b]) => ({ path, query, ...b }))
}

describe.each(backends)("the OpenAPI document, driven with generated requests, on %s", (backend) => {
  let sys: TestSystem
  let token: string
  let known: Known
  let operations: Operation[]
  let defs: Record<string, Json>

  /**
   * How many rows each table has had inserted, deleted or changed by committed statements (audit log and
   * per-minute counters left out: refusals are recorded there), from row triggers the suite installs on every
   * table; an UPDATE that leaves a row as it was is not a change. A refused write must leave it as it was.
   * (Comparing a checksum of every table's rows, as this suite once did, cost 90 % of its time.)
   */
  const changes = async (): Promise<Record<string, number>> => {
    const rows = rowsOf<{ t: string; n: number }>(
      await sys.deps.db.execute(sql`select t, n from xf_fuzz_changes order by t`),
    )
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]))
  }
  beforeAll(async () => {
    sys = await testSystem(backend, { demoMembers: SMALL_DEMO_MEMBERS })
    token = await userWithToken(sys, "district-admin", "d1")
    const doc = (await (await sys.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, Json>>
    }
    defs = {}
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const body = (op.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content[
          "application/json"
        ]?.schema
        return {
          method: method.toUpperCase(),
          path,
          parameters: (op.parameters ?? []) as Operation["parameters"],
          ...(body ? { body } : {}),
        }
      }),
    )
    known = {
      orgIds: (await sys.deps.db.select({ id: orgs.id }).from(orgs).limit(20)).map((r) => r.id),
      memberIds: (await sys.deps.db.select({ id: members.id }).from(members).limit(20)).map((r) => r.id),
      userIds: (await sys.deps.db.select({ id: users.id }).from(users).limit(20)).map((r) => r.id),
    }
    const res = await sys.deps.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('audit_log', 'audit_lane_heads', 'rate_limits') order by 1`,
    )
    const tables = rowsOf<{ table_name: string }>(res).map((r) => r.table_name)
    await sys.deps.db.execute(sql`create table xf_fuzz_changes (t text primary key, n bigint not null)`)
    await sys.deps.db.execute(sql`
      create function xf_fuzz_count() returns trigger language plpgsql security definer as $$
      begin
        if tg_op = 'UPDATE' and old is not distinct from new then return null; end if;
        insert into xf_fuzz_changes (t, n) values (tg_table_name, 1) on conflict (t) do update set n = xf_fuzz_changes.n + 1;
        return null;
      end $$`)
    for (const t of tables) {
      await sys.deps.db.execute(sql`
        create trigger xf_fuzz_rows after insert or update or delete on ${sql.identifier(t)}
          for each row execute function xf_fuzz_count()`)
      await sys.deps.db.execute(sql`
        create trigger xf_fuzz_truncate after truncate on ${sql.identifier(t)}
          for each statement execute function xf_fuzz_count()`)
    }
    // The ledger sees a committed change and not a rolled-back one (else every comparison below would be empty).
    const before = await changes()
    await sys.deps.db.execute(sql`update orgs set name = name || '·' where id = ${known.orgIds[0]}`)
    await sys.deps.db.execute(sql`update orgs set name = left(name, -1) where id = ${known.orgIds[0]}`)
    expect((await changes()).orgs).toBe((before.orgs ?? 0) + 2)
    await expect(
      sys.deps.db.transaction(async (tx) => {
        await tx.execute(sql`update orgs set name = name || '·' where id = ${known.orgIds[0]}`)
        throw new Error("rolled back")
      }),
    ).rejects.toThrow("rolled back")
    await sys.deps.db.execute(sql`update orgs set name = name where id = ${known.orgIds[0]}`)
    expect((await changes()).orgs).toBe((before.orgs ?? 0) + 2)
  })
  afterAll(async () => {
    await sys.stop()
  })

  it(`answers ${REQUESTS} generated requests over every operation without a 5xx, naming the fields it refuses`, async () => {
    const perOperation = Math.max(1, Math.ceil(REQUESTS / operations.length))
    let sent = 0
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestOf(op, defs, known), async (req) => {
          const write = op.method !== "GET"
          const before = write ? await changes() : undefined
          const url = `${req.path}${req.query ? `?${req.query}` : ""}`
          const res = await sys.request(url, {
            method: op.method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(req.body === undefined ? {} : { "content-type": req.contentType ?? "application/json" }),
            },
            ...(req.body === undefined ? {} : { body: req.body }),
          })
          sent++
          const text = await res.text()
          const where = `${op.method} ${url} ${req.body ?? ""} → ${res.status} ${text.slice(0, 400)}`
          expect(res.status, where).toBeLessThan(500)
          if (res.status === 400) {
            const p = JSON.parse(text) as { errors?: { field?: unknown }[] }
            expect(p.errors?.length, where).toBeGreaterThan(0)
            for (const e of p.errors ?? [])
              expect(typeof e.field === "string" && e.field.length > 0, where).toBe(true)
          }
          if (res.status === 422) {
            expect((JSON.parse(text) as { verdicts?: unknown[] }).verdicts?.length, where).toBeGreaterThan(0)
          }
          if (write && res.status >= 400) expect(await changes(), where).toEqual(before)
          // A request that revoked the caller's own tokens (DELETE /api/auth/tokens) is answered; the next needs a new one.
          if (
            write &&
            res.status < 300 &&
            (await sys.request("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status ===
              401
          ) {
            token = await userWithToken(sys, "district-admin", "d1")
          }
        }),
        { numRuns: perOperation, seed: SEED, endOnFailure: true },
      )
    }
    expect(sent).toBeGreaterThanOrEqual(Math.min(REQUESTS, operations.length))
  }, 3_600_000)
})
