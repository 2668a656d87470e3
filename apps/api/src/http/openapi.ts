import { Schema } from "effect"
import { Problem } from "./contract-kit.js"
import { fileMediaTypeOf } from "./file-response.js"
import type { AnyRoute } from "./route.js"

type Json = Record<string, unknown>

const jsonSchema = (schema: Schema.Top): Json => {
  const doc = Schema.toJsonSchemaDocument(schema as Schema.Codec<unknown, unknown>)
  const defs = doc.definitions as Json
  return Object.keys(defs).length > 0 ? { ...(doc.schema as Json), $defs: defs } : (doc.schema as Json)
}

/** Query and path schemas are structs: each property becomes one parameter. */
const parameters = (schema: Schema.Top | undefined, where: "path" | "query"): Json[] => {
  if (!schema) return []
  const s = jsonSchema(schema)
  const props = (s.properties ?? {}) as Record<string, Json>
  const required = new Set((s.required ?? []) as string[])
  return Object.entries(props).map(([name, p]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: p,
  }))
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}")

/** A JSON response by its schema, or a file (`fileResponse`) as binary of its media type. */
const okContent = (response: Schema.Top): Json => {
  const file = fileMediaTypeOf(response)
  return file === undefined
    ? { "application/json": { schema: jsonSchema(response) } }
    : { [file]: { schema: { type: "string", format: "binary" } } }
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: jsonSchema(Problem) } },
})

/** OpenAPI 3.1 from the same route table and schemas that validate the requests. */
export const openApiDocument = (routes: readonly AnyRoute[], info: { title: string; version: string }) => {
  const paths: Record<string, Record<string, Json>> = {}
  for (const r of routes) {
    const path = toOpenApiPath(r.path)
    paths[path] ??= {}
    const operation: Json = {
      operationId: `${r.method}${r.path.replace(/[/:{}-]+(\w)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))}`,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      ...(r.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(r.body) } } } }
        : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: fileMediaTypeOf(r.response) === undefined ? "OK" : "OK: the file",
          content: okContent(r.response),
        },
        "400": problemResponse("Invalid request: `errors` names each field and the reason"),
        ...(r.auth === "user"
          ? {
              "401": problemResponse("Not signed in"),
              "403": problemResponse("Role not allowed, or CSRF token missing"),
            }
          : {}),
        ...(r.path.includes(":")
          ? { "404": problemResponse("Not found, or outside your organizations") }
          : {}),
      },
      ...(r.auth === "user" ? { security: [{ session: [] }, { bearer: [] }] } : { security: [] }),
      ...(r.roles ? { "x-roles": r.roles } : {}),
    }
    paths[path][r.method] = operation
  }
  return {
    openapi: "3.1.0",
    info: { ...info, description: "Xianfeng reference API. Errors are RFC 9457 problem+json." },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "xf_session",
          description: "Browser session; writes need the x-csrf-token header",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "Machine clients: a token from POST /api/auth/tokens",
        },
      },
    },
  }
}
