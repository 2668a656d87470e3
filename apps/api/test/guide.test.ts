import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type TestSystem, testSystem } from "./support.js"

/** A built guide as VitePress lays it out (base /guide/), made here so the test needs no docs build. */
const guide = mkdtempSync(join(tmpdir(), "guide-"))
mkdirSync(join(guide, "rules"))
mkdirSync(join(guide, "assets"))
writeFileSync(join(guide, "index.html"), "<h1>先锋 Xianfeng</h1>")
writeFileSync(join(guide, "districts.html"), "<h1>Districts: deploying</h1>")
writeFileSync(join(guide, "rules/index.html"), "<h1>Rules</h1>")
writeFileSync(join(guide, "assets/app.abc123.js"), "console.log(1)")
writeFileSync(join(guide, "404.html"), "<h1>404</h1>")
writeFileSync(join(tmpdir(), "outside-guide.html"), "secret")

describe("the guide at /guide", () => {
  let sys: TestSystem
  beforeAll(async () => {
    sys = await testSystem("pglite", { demoMembers: 0, guideDist: guide })
  })
  afterAll(async () => {
    await sys.stop()
    rmSync(guide, { recursive: true, force: true })
  })

  it("serves the built pages, clean URLs and folders included, and its assets as immutable", async () => {
    expect((await sys.request("/guide")).headers.get("location")).toBe("/guide/")
    expect(await (await sys.request("/guide/")).text()).toContain("先锋 Xianfeng")
    expect(await (await sys.request("/guide/districts.html")).text()).toContain("deploying")
    expect(await (await sys.request("/guide/districts")).text()).toContain("deploying")
    expect(await (await sys.request("/guide/rules/")).text()).toContain("Rules")
    const asset = await sys.request("/guide/assets/app.abc123.js")
    expect(asset.headers.get("content-type")).toContain("javascript")
    expect(asset.headers.get("cache-control")).toContain("immutable")
  })

  it("answers a missing page with the guide's 404, and nothing outside the guide's folder", async () => {
    const missing = await sys.request("/guide/nowhere")
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain("404")
    const outside = await sys.request("/guide/..%2Foutside-guide.html")
    expect(outside.status).toBe(404)
    expect(await outside.text()).not.toContain("secret")
  })
})
