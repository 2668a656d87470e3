import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { ImpactAdapter, ImpactDataset, VersionSpec } from "./adapter.js"
import { impactAdapters } from "./adapters.js"
import { demoDataset } from "./demo-dataset.js"
import { compareVersions, type ImpactReport } from "./engine.js"
import { impactMarkdown } from "./markdown.js"
import { buildAtRevision } from "./revision.js"
import { impactWorkbook } from "./xlsx.js"

/**
 * Where a version's code comes from and how it is set: `working` (the working tree's build) or `rev:<ref>`
 * (the package built at a git revision; `rev:HEAD` is the last commit), then `+edition=2014` and/or
 * `+overlay=<file.json or inline JSON>`. Examples: `rev:HEAD`, `working+edition=2026`,
 * `working+overlay={"trainingMinHours":40}`.
 */
export interface SideSpec {
  readonly source: "working" | { readonly rev: string }
  readonly spec: VersionSpec
}

export const parseSide = (text: string): SideSpec => {
  const [head = "", ...mods] = text.split("+")
  const source =
    head === "working" ? ("working" as const) : head.startsWith("rev:") ? { rev: head.slice(4) } : undefined
  if (source === undefined) throw new Error(`"${head}" is neither working nor rev:<ref>`)
  let edition: string | undefined
  let overlay: unknown
  for (const m of mods) {
    const eq = m.indexOf("=")
    const key = m.slice(0, eq)
    const value = m.slice(eq + 1)
    if (key === "edition") edition = value
    else if (key === "overlay")
      overlay = JSON.parse(value.trimStart().startsWith("{") ? value : readFileSync(value, "utf8"))
    else throw new Error(`unknown modifier "${m}" (edition=…, overlay=…)`)
  }
  return {
    source,
    spec: {
      label: text,
      ...(edition === undefined ? {} : { edition }),
      ...(overlay === undefined ? {} : { overlay }),
    },
  }
}

export interface ImpactRunOptions {
  readonly area?: string
  readonly before: string
  readonly after: string
  /** `demo` (generated: `members`, `seed`, `asOf`) or a path to a dataset JSON file (`ImpactDataset`). */
  readonly dataset?: string
  readonly members?: number
  readonly seed?: string
  readonly asOf?: string
  /** Folder for `impact.md` and `impact.xlsx`. */
  readonly out?: string
  /** A changeset file to append the "Who is affected" section to. */
  readonly changeset?: string
}

const versionOf = async <V>(adapter: ImpactAdapter<V>, side: SideSpec): Promise<V> => {
  const lib =
    side.source === "working"
      ? await adapter.load()
      : await buildAtRevision(adapter.packageDir, side.source.rev)
  const v = adapter.version(lib, side.spec)
  if (!v.ok) throw new Error(`${side.spec.label}: ${v.problem.field}: ${v.problem.message}`)
  return v.value
}

/** Produces the report (and its files); throws when any part of it cannot be produced. */
export const impactRun = async (o: ImpactRunOptions): Promise<ImpactReport> => {
  const area = o.area ?? "development"
  const adapter = impactAdapters[area]
  if (adapter === undefined)
    throw new Error(`no impact adapter for area "${area}" (${Object.keys(impactAdapters).join(", ")})`)
  const before = parseSide(o.before)
  const after = parseSide(o.after)
  const dataset: ImpactDataset =
    o.dataset === undefined || o.dataset === "demo"
      ? demoDataset({
          ...(o.members === undefined ? {} : { members: o.members }),
          ...(o.seed === undefined ? {} : { seed: o.seed }),
          ...(o.asOf === undefined ? {} : { asOf: o.asOf }),
        })
      : (JSON.parse(readFileSync(o.dataset, "utf8")) as ImpactDataset)
  const report = compareVersions(
    adapter,
    dataset,
    { label: before.spec.label, version: await versionOf(adapter, before) },
    { label: after.spec.label, version: await versionOf(adapter, after) },
  )
  if (o.out !== undefined) {
    mkdirSync(o.out, { recursive: true })
    writeFileSync(join(o.out, "impact.md"), impactMarkdown(report))
    writeFileSync(join(o.out, "impact.xlsx"), await impactWorkbook(report))
  }
  if (o.changeset !== undefined) appendFileSync(o.changeset, `\n${impactMarkdown(report, "##")}`)
  return report
}
