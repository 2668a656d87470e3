#!/usr/bin/env node
/**
 * `pnpm impact [--area development] [--before rev:HEAD] [--after working] [--dataset demo|file.json]
 * [--members 2000] [--seed impact] [--as-of 2026-11-30] [--out dir] [--changeset .changeset/x.md]`
 *
 * Prints the impact report as Markdown; exits 1 (with the reason) when it cannot be produced, so CI fails.
 */
import { parseArgs } from "node:util"
import { impactMarkdown } from "./markdown.js"
import { impactRun } from "./run.js"

try {
  const { values } = parseArgs({
    options: {
      area: { type: "string" },
      before: { type: "string", default: "rev:HEAD" },
      after: { type: "string", default: "working" },
      dataset: { type: "string" },
      members: { type: "string" },
      seed: { type: "string" },
      "as-of": { type: "string" },
      out: { type: "string" },
      changeset: { type: "string" },
    },
  })
  const members = values.members === undefined ? undefined : Number(values.members)
  if (members !== undefined && !Number.isInteger(members)) throw new Error("--members must be an integer")
  const report = await impactRun({
    before: values.before,
    after: values.after,
    ...(values.area === undefined ? {} : { area: values.area }),
    ...(values.dataset === undefined ? {} : { dataset: values.dataset }),
    ...(members === undefined ? {} : { members }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(values["as-of"] === undefined ? {} : { asOf: values["as-of"] }),
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.changeset === undefined ? {} : { changeset: values.changeset }),
  })
  process.stdout.write(impactMarkdown(report))
} catch (e) {
  process.stderr.write(`impact report could not be produced: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
}
