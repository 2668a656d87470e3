// What looks like a real credential; shared by the secret scan of the tree and the release check of the
// tarballs.
export const patterns = [
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

/**
 * The lines of `text` that look like a credential: `{ line (1-based), name }`. A literal next to a
 * secret-sounding name counts only when it looks generated; values listed in `allow` are documented demo
 * values.
 */
export const secretsIn = (text, allow = []) => {
  const out = []
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
      out.push({ line: i + 1, name })
    }
  })
  return out
}
