// The secret scanner must catch real-looking credentials and let labels, templates and the documented
// demo password through. Each case runs the scanner in a scratch git repository.
import assert from "node:assert/strict"
import { execFileSync, spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { test } from "node:test"
import { fileURLToPath } from "node:url"

const scanner = fileURLToPath(new URL("./secret-scan.mjs", import.meta.url))

const scan = (files) => {
  const dir = mkdtempSync(join(tmpdir(), "xf-scan-"))
  execFileSync("git", ["init", "-q"], { cwd: dir })
  writeFileSync(join(dir, ".secret-scan-allow"), "xianfeng-demo\n")
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return spawnSync(process.execPath, [scanner], { cwd: dir, encoding: "utf8" })
}

test("fails on a private key, a cloud key, a URL with a password and a generated-looking literal", () => {
  // Assembled at run time so that this file itself holds nothing the scanner would flag.
  const j = (...parts) => parts.join("")
  const leaks = {
    "a.pem": j("-----BEGIN RSA ", "PRIVATE KEY-----\nMIIE\n"),
    "b.ts": j('const id = "AKIA', 'ABCDEFGHIJKLMNOP"\n'),
    "c.env.ts": j('export const url = "postgres://app:', 's3cretpass@db.internal/app"\n'),
    "d.ts": j("const api_key ", '= "Zx9Qw8Er7Ty6Ui5"\n'),
  }
  const r = scan(leaks)
  assert.equal(r.status, 1)
  for (const f of Object.keys(leaks)) assert.match(r.stderr, new RegExp(f.replace(".", "\\.")))
})

test("passes labels, templates, environment reads and the documented demo password", () => {
  const r = scan({
    "ok.ts": [
      'const labels = { "auth.password": "Password" }',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the scanned file holds a template literal
      "const token = `xf_${random()}`",
      "const password = process.env.DB_PASSWORD",
      'login("admin", { password: "xianfeng-demo" })',
      'const url = "postgres://postgres@127.0.0.1:5432/test"',
    ].join("\n"),
  })
  assert.equal(r.status, 0, r.stderr)
})
