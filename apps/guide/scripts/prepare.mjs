#!/usr/bin/env node
// Lays out the guide's pages before VitePress builds them: the repository's docs/*.md as they are (one source
// for the repository and the site), and a reference page per rule generated from the rule definitions of
// @xianfeng/development-rules (id, text in both languages, citations per edition, verdict codes with their
// messages, the steps it judges) plus the policy keys a district may set.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { formatCitation } from "@xianfeng/core"
import { developmentMessages, developmentPolicy, developmentRuleSets } from "@xianfeng/development-rules"

const here = dirname(fileURLToPath(import.meta.url))
const site = join(here, "..", "site")
const docs = join(here, "..", "..", "..", "docs")

/** Markdown table cell: pipes escaped, line breaks flattened. */
const cell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ")
const json = (v) =>
  typeof v === "object" && v !== null && "toString" in v && v.constructor?.name === "PlainDate"
    ? String(v)
    : JSON.stringify(v)

/** Every rule id across the editions, with the rule as each edition holds it. */
export const rulesByEdition = () => {
  const byId = new Map()
  for (const set of developmentRuleSets)
    for (const r of set.rules) {
      const entry = byId.get(r.id) ?? { id: r.id, editions: [] }
      entry.editions.push({ edition: set.edition, effectiveFrom: String(set.effectiveFrom), rule: r })
      byId.set(r.id, entry)
    }
  return [...byId.values()]
}

export const rulePage = ({ id, editions }) => {
  const latest = editions[editions.length - 1].rule
  const lines = [
    `# ${id}`,
    "",
    `**${latest.title["zh-CN"]}** — ${latest.title.en}`,
    "",
    latest.description["zh-CN"],
    "",
    latest.description.en,
    "",
    "## Citations per edition",
    "",
    "| Edition | In force from | Articles (中文) | Articles (English) |",
    "| --- | --- | --- | --- |",
    ...editions.map(
      (e) =>
        `| ${e.edition} | ${e.effectiveFrom} | ${cell(e.rule.citations.map((c) => formatCitation(c, "zh-CN")).join("；"))} | ${cell(e.rule.citations.map((c) => formatCitation(c, "en")).join("; "))} |`,
    ),
    "",
    "## Steps it judges",
    "",
    latest.steps === "all"
      ? "Every step (and a district's own steps)."
      : latest.steps.map((s) => `\`${s}\``).join(", "),
    "",
    "## Verdict codes and their messages",
    "",
    "Parameters in braces are filled from the verdict (`{min}`, `{age}`, dates).",
    "",
    "| Code | 中文 | English |",
    "| --- | --- | --- |",
    ...latest.codes.map((code) => {
      const m = developmentMessages[code]
      return `| \`${code}\` | ${cell(m?.["zh-CN"] ?? "—")} | ${cell(m?.en ?? "—")} |`
    }),
    "",
    "The settings a district may change are on the [policy keys](./policy) page; `pnpm impact` shows whose",
    "verdicts a change to them (or to this rule) would change.",
    "",
  ]
  return lines.join("\n")
}

export const policyPage = () => {
  const lines = [
    "# Development policy keys",
    "",
    "What a district may set in its overlay (`applyOverlay(developmentPolicy, overlay)`), with the national default.",
    "",
    "| Key | Default | 说明 | Description | Confidence |",
    "| --- | --- | --- | --- | --- |",
  ]
  for (const [key, k] of Object.entries(developmentPolicy.keys))
    lines.push(
      `| \`${key}\` | \`${cell(json(k.default))}\` | ${cell(k.description["zh-CN"])} | ${cell(k.description.en)} | ${k.confidence} |`,
    )
  return `${lines.join("\n")}\n`
}

export const prepare = () => {
  rmSync(join(site, "guide"), { recursive: true, force: true })
  rmSync(join(site, "rules"), { recursive: true, force: true })
  mkdirSync(join(site, "guide"), { recursive: true })
  mkdirSync(join(site, "rules"), { recursive: true })
  const pages = readdirSync(docs).filter((f) => f.endsWith(".md"))
  for (const f of pages) copyFileSync(join(docs, f), join(site, "guide", f))
  const rules = rulesByEdition()
  for (const r of rules) writeFileSync(join(site, "rules", `${r.id}.md`), rulePage(r))
  writeFileSync(join(site, "rules", "policy.md"), policyPage())
  writeFileSync(
    join(site, "rules", "index.md"),
    [
      "# Rules of developing party members (发展党员)",
      "",
      "One page per rule, generated from the rule definitions of `@xianfeng/development-rules`.",
      "",
      "| Rule | 名称 | Title | Editions |",
      "| --- | --- | --- | --- |",
      ...rules.map((r) => {
        const t = r.editions[r.editions.length - 1].rule.title
        return `| [${r.id}](./${r.id}) | ${cell(t["zh-CN"])} | ${cell(t.en)} | ${r.editions.map((e) => e.edition).join(", ")} |`
      }),
      "",
      "See also the [policy keys](./policy).",
      "",
    ].join("\n"),
  )
  return { pages, rules: rules.map((r) => r.id) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = prepare()
  console.log(`guide: ${r.pages.length} docs pages, ${r.rules.length} rule pages`)
}
