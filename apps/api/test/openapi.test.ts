import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { allRoutes } from "../src/areas.js"
import { type TestSystem, testSystem } from "./support.js"

type Json = Record<string, unknown>

describe("OpenAPI and the reference page", () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await testSystem("pglite", { demoMembers: 0 })
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("documents every route as OpenAPI 3.1 from the schemas that validate it", async () => {
    const doc = (await (await sys.request("/openapi.json")).json()) as {
      openapi: string
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >
    }
    expect(doc.openapi).toBe("3.1.0")
    for (const r of allRoutes) {
      const path = r.path.replace(/:(\w+)/g, "{$1}")
      expect(doc.paths[path]?.[r.method], `${r.method} ${r.path}`).toBeDefined()
    }
    const login = doc.paths["/api/auth/login"]?.post?.requestBody?.content["application/json"]?.schema as {
      required: string[]
    }
    expect(login.required).toEqual(["username", "password"])
    const create = doc.paths["/api/members"]?.post?.requestBody?.content["application/json"]?.schema as {
      properties: Record<string, { pattern?: string }>
    }
    expect(create.properties.ethnicity?.pattern).toBe("^\\d{2}$")
  })

  it("describes every .xlsx route as the workbook it returns, not as JSON", async () => {
    const doc = (await (await sys.request("/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>
      >
    }
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    const files = allRoutes.filter((r) => r.path.endsWith(".xlsx"))
    expect(files.length).toBeGreaterThanOrEqual(2)
    for (const r of files) {
      const ok = doc.paths[r.path.replace(/:(\w+)/g, "{$1}")]?.[r.method]?.responses["200"]
      expect(Object.keys(ok?.content ?? {}), `${r.method} ${r.path}`).toEqual([xlsx])
      expect(ok?.content[xlsx], `${r.method} ${r.path}`).toEqual({
        schema: { type: "string", format: "binary" },
      })
    }
    const plan = doc.paths["/api/development/annual-plan"]?.get?.responses["200"]
    expect(Object.keys(plan?.content ?? {})).toEqual(["application/json"])
  })

  it("gives every integer the bounds its column can hold (no 2^53 where the column is 32-bit)", async () => {
    const doc = (await (await sys.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>
    }
    const unbounded: string[] = []
    const walk = (node: unknown, where: string) => {
      if (node === null || typeof node !== "object") return
      const o = node as Record<string, unknown>
      if (o.type === "integer" && (typeof o.minimum !== "number" || typeof o.maximum !== "number")) {
        unbounded.push(where)
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`)
    }
    walk(doc, "#")
    expect(unbounded).toEqual([])
    const patch = JSON.stringify(doc.paths["/api/members/{id}"]?.patch?.requestBody)
    expect(patch).toContain('"maximum":2147483647')
    // A whole number in a query string is a string on the wire; its bounds are said beside its digits.
    const members = doc.paths["/api/members"]?.get as unknown as {
      parameters: { name: string; schema: Json }[]
    }
    const pageSize = members.parameters.find((p) => p.name === "pageSize")
    expect(pageSize?.schema).toMatchObject({ type: "string", description: "A whole number from 1 to 100" })
  })

  it("serves the interactive reference from this server only (no CDN)", async () => {
    const html = await (await sys.request("/docs")).text()
    expect(html).toContain('src="/docs/scalar.js"')
    expect(html).not.toMatch(/https?:\/\//)
    const js = await sys.request("/docs/scalar.js")
    expect(js.status).toBe(200)
    expect(js.headers.get("content-type")).toMatch(/javascript/)
    const init = await (await sys.request("/docs/init.js")).text()
    for (const off of [
      `"withDefaultFonts":false`,
      `"showDeveloperTools":"never"`,
      `"agent":{"disabled":true}`,
    ]) {
      expect(init).toContain(off)
    }
  })

  it("answers an unknown API path with a problem+json 404", async () => {
    const res = await sys.request("/api/nothing-here")
    expect(res.status).toBe(404)
    expect(res.headers.get("content-type")).toMatch(/problem\+json/)
  })
})

describe("health", () => {
  it("answers 200 while the database answers and 503 once it is gone", async () => {
    const sys = await testSystem("pglite", { demoMembers: 0 })
    expect((await sys.request("/api/health")).status).toBe(200)
    await sys.close()
    const res = await sys.request("/api/health")
    expect(res.status).toBe(503)
    expect(res.headers.get("content-type")).toMatch(/problem\+json/)
  })
})
