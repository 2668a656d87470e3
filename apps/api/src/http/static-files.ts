import { readFileSync, statSync } from "node:fs"
import { extname } from "node:path"
import { gzipSync } from "node:zlib"
import type { Context } from "hono"
import { accepts } from "hono/accepts"

/** Extensions of text worth compressing; images and woff2 fonts are compressed in their own format. */
const compressible = new Set([
  ".html",
  ".js",
  ".mjs",
  ".css",
  ".json",
  ".svg",
  ".map",
  ".txt",
  ".xml",
  ".ttf",
])

interface Cached {
  readonly mtimeMs: number
  readonly size: number
  readonly raw: Buffer<ArrayBuffer>
  /** The gzip of `raw`, made the first time a client that accepts gzip asks; null when it would not be smaller. */
  gzip?: Buffer<ArrayBuffer> | null
}

/**
 * Serves built files (the admin, the guide's assets) from memory, gzip-compressed for every client that accepts
 * it (`Accept-Encoding`, negotiated by hono's `accepts`), with `Vary: Accept-Encoding`: on an intranet's Wi-Fi
 * the admin's first page is about a third of its size uncompressed. Each file is read, and compressed, once per
 * version (its modification time and size, checked with one `stat` per request), so a rebuilt file is served
 * new at once and a served file costs no reading and no compressing after the first time.
 *
 * `send(c, file, headers, status?)`: the file's response with `headers` (content type, cache control) added;
 * the caller has checked that `file` is a file under its root.
 */
export const staticFiles = () => {
  const cache = new Map<string, Cached>()
  const load = (file: string): Cached => {
    const stat = statSync(file)
    const known = cache.get(file)
    if (known !== undefined && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known
    const fresh: Cached = { mtimeMs: stat.mtimeMs, size: stat.size, raw: readFileSync(file) }
    cache.set(file, fresh)
    return fresh
  }
  const send = (
    c: Context,
    file: string,
    headers: Readonly<Record<string, string>>,
    status: 200 | 404 = 200,
  ): Response => {
    const entry = load(file)
    if (!compressible.has(extname(file).toLowerCase())) return c.body(entry.raw, status, headers)
    const encoding = accepts(c, { header: "Accept-Encoding", supports: ["gzip"], default: "identity" })
    if (encoding === "gzip") {
      if (entry.gzip === undefined) {
        const gzip = gzipSync(entry.raw, { level: 9 })
        entry.gzip = gzip.length < entry.raw.length ? gzip : null
      }
      if (entry.gzip !== null)
        return c.body(entry.gzip, status, {
          ...headers,
          "content-encoding": "gzip",
          vary: "Accept-Encoding",
        })
    }
    return c.body(entry.raw, status, { ...headers, vary: "Accept-Encoding" })
  }
  return { send }
}
