// Rewrites the rules table in README.md from the rule sets: `pnpm tsx scripts/readme-table.ts`.
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { regenerateReadme } from "./readme-section.js"

const path = fileURLToPath(new URL("../README.md", import.meta.url))
const before = readFileSync(path, "utf8")
const after = regenerateReadme(before)
if (after !== before) writeFileSync(path, after)
console.log(after === before ? "README tables are up to date" : "README tables rewritten")
