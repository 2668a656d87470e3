import { run } from "./commands.js"
import { cliEnv } from "./config.js"

const tty = process.stderr.isTTY === true
let lastProgress = 0

run(process.argv.slice(2), cliEnv(), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  progress: (line) => {
    if (tty) process.stderr.write(`\r${line}\x1b[K`)
    else if (Date.now() - lastProgress > 1000) {
      lastProgress = Date.now()
      console.error(line)
    }
  },
}).then(
  (code) => {
    if (tty) process.stderr.write("\n")
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exitCode = 2
  },
)
