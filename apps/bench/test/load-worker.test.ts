import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { promisify } from "node:util"
import { expect, test } from "vitest"
import type { LoadConfig, LoadResult } from "../src/load-worker.js"

const worker = join(import.meta.dirname, "..", "dist", "load-worker.js")

/** Runs the built load generator as the bench does (proc.ts `runLoad`): its last line is the result. */
const runLoad = async (config: LoadConfig): Promise<LoadResult> => {
  if (!existsSync(worker))
    throw new Error(`${worker} is missing: build first (pnpm --filter @xianfeng/bench build)`)
  const { stdout } = await promisify(execFile)(process.execPath, [worker, JSON.stringify(config)])
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as LoadResult
}

// A load that counted no answers (a loaded box, slow first requests) ran its whole second and reported a rate of
// zero: the small mode's end-to-end test then failed on a baseline of 0 (CI, 4 Dec).
test("a load that counts fewer answers than connections runs again, longer, and says how long it ran", async () => {
  // Answers nothing for 5 s after the first request arrives (so the 1 s load, and its 2 s run again, count none
  // however slowly the worker starts on a loaded box), then at once.
  let first: number | undefined
  const server = createServer((_req, res) => {
    first ??= Date.now()
    setTimeout(() => res.end("ok"), Math.max(0, first + 5000 - Date.now()))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  try {
    const { port } = server.address() as AddressInfo
    const r = await runLoad({
      url: `http://127.0.0.1:${port}`,
      paths: ["/"],
      connections: 2,
      seconds: 1,
      warmupSeconds: 0,
      headers: {},
    })
    expect(r.requests).toBeGreaterThanOrEqual(2)
    expect(r.seconds).toBeGreaterThanOrEqual(4)
    expect(r.rps).toBeCloseTo(r.requests / r.seconds)
    expect(r.non2xx + r.errors).toBe(0)
  } finally {
    server.close()
  }
})
