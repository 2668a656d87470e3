#!/usr/bin/env node
// Fails when a tracked file holds something that looks like a real credential: private keys, cloud and
// forge tokens, connection strings with passwords, long literal secrets. Documented demo values are listed
// in .secret-scan-allow (one literal per line) and are the only exceptions.
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync, statSync } from "node:fs"
import { secretsIn } from "./secret-patterns.mjs"

const allow = existsSync(".secret-scan-allow")
  ? readFileSync(".secret-scan-allow", "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
  : []

const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
  encoding: "utf8",
})
  .split("\0")
  .filter((f) => f && existsSync(f) && statSync(f).isFile() && statSync(f).size < 2_000_000)
  .filter((f) => !/(^|\/)pnpm-lock\.yaml$|\.(png|jpg|jpeg|gif|ico|woff2?|ttf|xlsx|wasm|tar|gz)$/.test(f))

const findings = []
for (const file of files)
  for (const { line, name } of secretsIn(readFileSync(file, "utf8"), allow))
    findings.push(`${file}:${line}: ${name}`)
if (findings.length > 0) {
  console.error(`secret scan: ${findings.length} possible credential(s) committed:\n${findings.join("\n")}`)
  console.error("Remove them (and rotate them), or list a documented demo value in .secret-scan-allow.")
  process.exit(1)
}
console.log(`secret scan: ${files.length} files, no credentials found`)
