import type { ChangeKind, ImpactReport } from "./engine.js"

export const changeKindLabels: Readonly<
  Record<ChangeKind, { readonly "zh-CN": string; readonly en: string }>
> = {
  "newly-blocked": { "zh-CN": "新增不可办理", en: "newly blocked" },
  "no-longer-blocked": { "zh-CN": "不再不可办理", en: "no longer blocked" },
  "new-due-date": { "zh-CN": "期限变化", en: "new due date" },
  "new-citation": { "zh-CN": "依据变化", en: "new citation" },
  other: { "zh-CN": "其他变化", en: "other change" },
}

const cell = (s: string | number | undefined): string => String(s ?? "—").replace(/\|/g, "\\|")

/** The headline: `12 of 300 people (40 verdicts) change` or that nothing does. */
export const impactHeadline = (r: ImpactReport): string =>
  r.changedVerdicts === 0
    ? `No verdict changes for the ${r.people} people judged (${r.area}, ${r.before} → ${r.after}).`
    : `${r.affectedPeople} of ${r.people} people judged have ${r.changedVerdicts} changed verdicts (${r.area}, ${r.before} → ${r.after}).`

/**
 * The report as Markdown: the headline, a table of rule × kind with counts, then each group's sample (names
 * and ID numbers masked). `heading` is the level of the title (`##` inside a changeset).
 */
export const impactMarkdown = (r: ImpactReport, heading = "#"): string => {
  const lines = [
    `${heading} Who is affected`,
    "",
    impactHeadline(r),
    "",
    `Judged on ${r.asOf}. Before: \`${r.before}\`; after: \`${r.after}\`.`,
  ]
  if (r.groups.length > 0) {
    lines.push("", "| Rule | Change | Verdicts | People |", "| --- | --- | ---: | ---: |")
    for (const g of r.groups)
      lines.push(`| ${g.rule} | ${changeKindLabels[g.kind].en} | ${g.verdicts} | ${g.people} |`)
    lines.push(
      "",
      `${heading}# Sample`,
      "",
      "| Rule | Change | Name | ID number | Org | Step | Before | After |",
    )
    lines.push("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for (const g of r.groups)
      for (const s of g.sample)
        lines.push(
          `| ${g.rule} | ${changeKindLabels[g.kind].en} | ${cell(s.name)} | ${cell(s.idNumber)} | ${cell(s.org)} | ${cell(s.slot)} | ${cell(s.before)} | ${cell(s.after)} |`,
        )
  }
  return `${lines.join("\n")}\n`
}
