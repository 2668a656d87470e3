import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { gzipSize, readManifest, staticClosure } from "./bundle"

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist")

// What the built admin asks of the network, checked on the files `vite build` wrote.
describe("the built admin", () => {
  if (!existsSync(join(dist, ".vite", "manifest.json")))
    throw new Error(`No build in ${dist}: run \`pnpm --filter @xianfeng/admin build\` first`)
  const manifest = readManifest(dist)
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry)
  if (!entry) throw new Error("the manifest has no entry chunk")
  const loginFiles = staticClosure(manifest, [entry, "src/shell/LoginPage.tsx"])

  it("the login page loads under 500 KB of gzipped JS and CSS", () => {
    const kb = gzipSize(dist, loginFiles) / 1024
    console.info(`login route: ${loginFiles.size} files, ${kb.toFixed(1)} KB gzip`)
    expect(kb).toBeLessThan(500)
  })

  it("echarts stays out of the login page and the shell", () => {
    const shell = staticClosure(manifest, [entry, "src/shell/LoginPage.tsx", "src/shell/AppLayout.tsx"])
    const echartsChunks = Object.entries(manifest)
      .filter(([k]) => /node_modules\/(echarts|zrender)\//.test(k))
      .map(([, c]) => c.file)
    const isEcharts = (f: string) => /echarts/.test(f) || echartsChunks.includes(f)
    expect([...shell].filter(isEcharts)).toEqual([])
    // …while the panel that draws a chart does get it (so the check above can fail).
    expect([...staticClosure(manifest, ["src/pages/organization/OverviewPanel.tsx"])].some(isEcharts)).toBe(
      true,
    )
  })

  it("index.html references no other host", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8")
    expect(html.match(/(src|href)=["']?(https?:)?\/\/[^"'\s>]*/g) ?? []).toEqual([])
  })

  it("no chunk names a URL on another host except XML namespaces and library docs", () => {
    // Libraries carry namespace URIs and links to their docs in error texts; none of those is
    // fetched. Anything else (a CDN, a font service, a map tile server) would break on an intranet.
    const harmless = /^https?:\/\/(www\.w3\.org|react\.dev|reactrouter\.com|github\.com|localhost)(\/|$)/
    const found = new Set<string>()
    for (const f of readdirSync(join(dist, "assets"))) {
      if (!/\.(js|css)$/.test(f)) continue
      for (const m of readFileSync(join(dist, "assets", f), "utf8").matchAll(/https?:\/\/[^\s"'`)\\]+/g))
        if (!harmless.test(m[0])) found.add(`${f}: ${m[0]}`)
    }
    expect([...found]).toEqual([])
  })
})
