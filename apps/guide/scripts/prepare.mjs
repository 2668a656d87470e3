#!/usr/bin/env node
// Lays out the guide's pages before VitePress builds them: the repository's docs/*.md as they are (one source
// for the repository and the site), and a reference page per rule generated from the rule definitions of
// @xianfeng/development-rules (id, text in both languages, citations per edition, verdict codes with their
// messages, the steps it judges) plus the policy keys a district may set.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { formatCitation, renderVerdict } from "@xianfeng/core"
import { mulberry32 } from "@xianfeng/core/testing"
import {
  demoDistrictOverlay,
  developmentMessages,
  developmentPolicy,
  developmentRuleSets,
  evaluate,
} from "@xianfeng/development-rules"
import { generateHistory } from "@xianfeng/development-rules/testing"

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

/** How many seeded histories `policyKeysRead` judges. */
const PROBES = 400

/**
 * The policy keys each rule reads, observed rather than declared: every rule's `check` is given a policy that
 * records the keys read through it, and seeded histories are judged under the national defaults, under the
 * demo district's overlay and with each number raised tenfold. Keys read only while deriving dates (outside any one rule) are not
 * attributed to a rule.
 */
export const policyKeysRead = () => {
  const read = new Map()
  /** The first verdict seen of each code: the rule pages' examples. */
  const examples = new Map()
  /** Under which policy the current probes run, said beside an example drawn under a raised one. */
  let under = ""
  const watch = (id, policy) =>
    new Proxy(policy, {
      get(target, key, receiver) {
        if (typeof key === "string" && Object.hasOwn(developmentPolicy.keys, key)) {
          const keys = read.get(id) ?? new Set()
          keys.add(key)
          read.set(id, keys)
        }
        return Reflect.get(target, key, receiver)
      },
    })
  const sets = developmentRuleSets.map((set) => ({
    ...set,
    rules: set.rules.map((r) => ({
      ...r,
      check: (ctx, policy) => {
        const vs = r.check(ctx, watch(r.id, policy))
        for (const v of vs) if (!examples.has(v.code)) examples.set(v.code, { v, under })
        return vs
      },
    })),
  }))
  const demo = { ...developmentPolicy.defaults, ...demoDistrictOverlay }
  const rng = mulberry32(20260511)
  const judge = (policy, n, generatedUnder = policy) => {
    for (let i = 0; i < n; i++) {
      const { history, asOf } = generateHistory(rng, generatedUnder)
      evaluate(history, asOf, sets, policy)
    }
  }
  judge(developmentPolicy.defaults, PROBES)
  judge(demo, PROBES)
  // A rule may read a second key only when the first is not met (days or hours of training): each number
  // raised tenfold in turn, on histories made under the defaults, reaches those branches.
  for (const [key, value] of Object.entries(developmentPolicy.defaults)) {
    under = `\`${key}\` raised tenfold`
    if (typeof value === "number")
      judge({ ...developmentPolicy.defaults, [key]: value * 10 }, PROBES / 10, developmentPolicy.defaults)
  }
  // And all of them at once (the training minimum is met by days or by hours).
  const raised = Object.fromEntries(
    Object.entries(developmentPolicy.defaults).map(([k, v]) => [k, typeof v === "number" ? v * 10 : v]),
  )
  under = "every number of the policy raised tenfold"
  judge({ ...developmentPolicy.defaults, ...raised }, PROBES / 4, developmentPolicy.defaults)
  return { read, examples }
}

export const rulePage = ({ id, editions }, keysRead = new Set(), examples = new Map()) => {
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
    "## Policy keys it reads",
    "",
    keysRead.size === 0
      ? "None seen: judging generated histories under the national defaults, the demo overlay and each number raised tenfold, alone and together, the rule read no setting."
      : `${[...keysRead]
          .sort()
          .map((k) => `[\`${k}\`](./policy#${k.toLowerCase()})`)
          .join(
            ", ",
          )} (as read while judging generated histories under the national defaults, the demo overlay and each number raised tenfold, alone and together).`,
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
    "## Examples",
    "",
    "Verdicts this rule gave while judging the generated histories, as a secretary reads them:",
    "",
    ...(latest.codes.some((c) => examples.has(c))
      ? latest.codes
          .filter((c) => examples.has(c))
          .flatMap((c) => {
            const { v, under } = examples.get(c)
            return [
              `- \`${v.status}\`${under === "" ? "" : ` (with ${under})`} ${renderVerdict(v, developmentMessages, "zh-CN")}`,
              `  <br>${renderVerdict(v, developmentMessages, "en")}`,
            ]
          })
      : ["None of the generated histories drew a verdict from it (it judges rarer situations)."]),
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
      `| <span id="${key.toLowerCase()}">\`${key}\`</span> | \`${cell(json(k.default))}\` | ${cell(k.description["zh-CN"])} | ${cell(k.description.en)} | ${k.confidence} |`,
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
  const { read, examples } = policyKeysRead()
  for (const r of rules)
    writeFileSync(join(site, "rules", `${r.id}.md`), rulePage(r, read.get(r.id), examples))
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
