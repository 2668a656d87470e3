import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { Hono } from "hono"
import { afterAll, describe, expect, it } from "vitest"
import { staticFiles } from "../src/http/static-files.js"

// The admin's and the guide's built files: gzip for a client that accepts it, the bytes as they are for one
// that does not (or refuses it with q=0), never for what is compressed already, and a rebuilt file served new.

const dir = mkdtempSync(join(tmpdir(), "xf-static-"))
const script = `export const greeting = ${JSON.stringify("党员教育管理 ".repeat(400))}\n`
writeFileSync(join(dir, "app.js"), script)
writeFileSync(join(dir, "tiny.css"), "a{}")
writeFileSync(join(dir, "logo.png"), Buffer.alloc(4096, 7))

const files = staticFiles()
const app = new Hono()
app.get("/:name", (c) => files.send(c, join(dir, c.req.param("name")), { "content-type": "x/test" }))
const get = (name: string, acceptEncoding?: string) =>
  app.request(
    `/${name}`,
    acceptEncoding === undefined ? {} : { headers: { "accept-encoding": acceptEncoding } },
  )
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer())

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("built files", () => {
  it("are gzip-compressed for a client that accepts gzip, and the same bytes once unpacked", async () => {
    const r = await get("app.js", "gzip, deflate, br, zstd")
    expect(r.headers.get("content-encoding")).toBe("gzip")
    expect(r.headers.get("vary")).toBe("Accept-Encoding")
    expect(r.headers.get("content-type")).toBe("x/test")
    const body = await bytes(r)
    expect(body.length).toBeLessThan(Buffer.byteLength(script) / 10)
    expect(gunzipSync(body).toString("utf8")).toBe(script)
  })

  it("are sent as they are to a client that does not accept gzip or refuses it", async () => {
    for (const header of [undefined, "identity", "br", "gzip;q=0, identity"]) {
      const r = await get("app.js", header)
      expect(r.headers.get("content-encoding"), String(header)).toBeNull()
      expect((await bytes(r)).toString("utf8")).toBe(script)
    }
  })

  it("are not compressed when that gains nothing or the format is compressed already", async () => {
    const css = await get("tiny.css", "gzip")
    expect(css.headers.get("content-encoding")).toBeNull()
    expect(await css.text()).toBe("a{}")
    const png = await get("logo.png", "gzip")
    expect(png.headers.get("content-encoding")).toBeNull()
    expect((await bytes(png)).length).toBe(4096)
  })

  it("serve a rebuilt file new at once", async () => {
    await (await get("app.js", "gzip")).arrayBuffer()
    const rebuilt = `${script}export const more = 1\n`
    writeFileSync(join(dir, "app.js"), rebuilt)
    utimesSync(join(dir, "app.js"), new Date(), new Date(Date.now() + 5_000))
    expect(gunzipSync(await bytes(await get("app.js", "gzip"))).toString("utf8")).toBe(rebuilt)
    expect((await bytes(await get("app.js"))).toString("utf8")).toBe(rebuilt)
  })
})
