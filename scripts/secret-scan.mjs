#!/usr/bin/env node
// Fails when a tracked file holds something that looks like a real credential: private keys, cloud and
// forge tokens, connection strings with passwords, long literal secrets. Documented demo values are listed
// in .secret-scan-allow (one literal per line) and are the only exceptions.
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync, statSync } from "node:fs"

const patterns = [
  ["private key", /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY( BLOCK)?-----/],
  ["AWS access key id", /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["GitHub token", /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ["Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/],
  ["npm token", /\bnpm_[A-Za-z0-9]{36}\b/],
  [
    "connection string with a password",
    /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|amqps?):\/\/[^\s:@/'"`]+:([^\s@/'"`]+)@/,
  ],
  [
    "literal secret",
    /\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?token|auth[_-]?token|private[_-]?key|client[_-]?secret)\b["']?\s*[:=]\s*["'`]([^"'`\s]{8,})["'`]/i,
  ],
]

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
for (const file of files) {
  const text = readFileSync(file, "utf8")
  text.split("\n").forEach((line, i) => {
    for (const [name, re] of patterns) {
      const m = re.exec(line)
      if (!m) continue
      const secret = m[1] ?? m[0]
      // A literal next to a secret-sounding name counts only when it looks generated: long enough and
      // mixing letters with digits (labels such as "Password" and prose are not credentials).
      if (name === "literal secret" && !(secret.length >= 10 && /[A-Za-z]/.test(secret) && /\d/.test(secret)))
        continue
      if (allow.some((a) => secret.includes(a) || a.includes(secret))) continue
      if (/\$\{|^process\.env|^<|^\*+$|^x+$/i.test(secret)) continue
      findings.push(`${file}:${i + 1}: ${name}`)
    }
  })
}
if (findings.length > 0) {
  console.error(`secret scan: ${findings.length} possible credential(s) committed:\n${findings.join("\n")}`)
  console.error("Remove them (and rotate them), or list a documented demo value in .secret-scan-allow.")
  process.exit(1)
}
console.log(`secret scan: ${files.length} files, no credentials found`)
