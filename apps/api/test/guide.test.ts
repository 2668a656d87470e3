import { createHash } from "node:crypto"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type TestSystem, testSystem } from "./support.js"

/** A built guide as VitePress lays it out (base /guide/), made here so the test needs no docs build. */
const guide = mkdtempSync(join(tmpdir(), "guide-"))
mkdirSync(join(guide, "rules"))
mkdirSync(join(guide, "assets"))
/** Inline scripts as VitePress writes them: the dark-mode check, the hash map, the site data (non-ASCII). */
const vitepressHead = [
  `<script id="check-dark-mode">(()=>{const e=localStorage.getItem("vitepress-theme-appearance")||"auto"})();</script>`,
  `<script type="module" src="/guide/assets/app.abc123.js"></script>`,
  `<script>window.__VP_HASH_MAP__=JSON.parse("{\\"index.md\\":\\"abc\\"}");</script>`,
  `<script>window.__VP_SITE_DATA__=JSON.parse("{\\"title\\":\\"先锋\\",\\"locales\\":{}}");</script>`,
].join("\n")
writeFileSync(
  join(guide, "index.html"),
  `<html><head>${vitepressHead}</head><body><h1>先锋 Xianfeng</h1></body></html>`,
)
writeFileSync(join(guide, "districts.html"), "<h1>Districts: deploying</h1>")
writeFileSync(join(guide, "rules/index.html"), "<h1>Rules</h1>")
writeFileSync(join(guide, "assets/app.abc123.js"), "console.log(1)")
writeFileSync(
  join(guide, "404.html"),
  `<html><head><script>window.notFound=1</script></head><h1>404</h1></html>`,
)
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
    const packed = await sys.request("/guide/assets/app.abc123.js", {
      headers: { "accept-encoding": "gzip" },
    })
    expect(packed.headers.get("vary")).toBe("Accept-Encoding")
  })

  it("allows each served guide page's inline scripts by hash, and nothing inline or foreign besides", async () => {
    for (const [path, status] of [
      ["/guide/", 200],
      ["/guide/index.html", 200],
      ["/guide/nowhere", 404],
    ] as const) {
      const res = await sys.request(path)
      expect(res.status).toBe(status)
      const page = await res.text()
      const bodies = [...page.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
        (m) => m[1] ?? "",
      )
      expect(bodies.length).toBeGreaterThan(0)
      const scriptSrc = (res.headers.get("content-security-policy") ?? "")
        .split(";")
        .map((d) => d.trim())
        .find((d) => d.startsWith("script-src "))
      const sources = scriptSrc?.split(" ").slice(1) ?? []
      for (const body of bodies) {
        expect(sources).toContain(`'sha256-${createHash("sha256").update(body).digest("base64")}'`)
      }
      // Only 'self' and the page's own hashes: no 'unsafe-inline', no host.
      expect(sources.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'"])
      expect(sources).toHaveLength(1 + new Set(bodies).size)
    }
    // Pages without inline scripts and other files keep the plain policy.
    const plain = await sys.request("/guide/districts")
    expect(plain.headers.get("content-security-policy")).toContain("script-src 'self';")
    const asset = await sys.request("/guide/assets/app.abc123.js")
    expect(asset.headers.get("content-security-policy")).not.toContain("sha256")
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
