/** The start-up baseline: a bare node:http process that answers as soon as it listens. */
import { createServer } from "node:http"

const port = Number(process.env.PORT ?? 0)
createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" })
  res.end('{"status":"ok"}')
}).listen(port, "127.0.0.1")
process.on("SIGTERM", () => process.exit(0))
