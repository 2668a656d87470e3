/** The start-up baseline: a bare node:http process that answers as soon as it listens. */
import { createServer } from "node:http"
import { bareServerPort } from "./config.js"

const port = bareServerPort()
createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" })
  res.end('{"status":"ok"}')
}).listen(port, "127.0.0.1")
process.on("SIGTERM", () => process.exit(0))
