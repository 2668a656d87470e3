import { createHash } from "node:crypto"
import { compareDates, formatCitation, type PlainDate } from "@xianfeng/core"
import type { Scope, XfDb } from "@xianfeng/db"
import type { AgendaEntry, AgendaSource } from "../../http/agenda-kit.js"
import type { Lang } from "../../http/problem.js"
import type { AgendaItemView } from "./contract.js"

/** The most items one answer (JSON or feed) holds, soonest first; `total` tells how many there were. */
export const AGENDA_CAP = 500

/** The item's stable id: a hash of kind and key, so the feed's UID carries no internal id. */
export const uidOf = (e: Pick<AgendaEntry, "kind" | "key">): string =>
  createHash("sha256").update(`${e.kind}\n${e.key}`).digest("hex").slice(0, 32)

/** One gathered entry with its area, before it is rendered in a language. */
export interface GatheredEntry extends AgendaEntry {
  readonly area: string
}

/**
 * Asks every source for the window `from`…`to` of `scope` and merges the answers, soonest first (then by
 * area, kind and title). Each source is asked for at most `AGENDA_CAP + 1` entries.
 */
export const gatherAgenda = async (
  sources: readonly AgendaSource[],
  request: { db: XfDb; scope: Scope; today: PlainDate; from: PlainDate; to: PlainDate },
): Promise<GatheredEntry[]> => {
  const all: GatheredEntry[] = []
  for (const source of sources) {
    for (const e of await source.entries({ ...request, limit: AGENDA_CAP + 1 }))
      all.push({ ...e, area: source.area })
  }
  return all.sort(
    (a, b) =>
      compareDates(a.date, b.date) ||
      a.area.localeCompare(b.area) ||
      a.kind.localeCompare(b.kind) ||
      a.title["zh-CN"].localeCompare(b.title["zh-CN"], "zh-CN") ||
      uidOf(a).localeCompare(uidOf(b)),
  )
}

/** An entry as the API shows it, in `lang`. */
export const itemView = (e: GatheredEntry, lang: Lang): AgendaItemView => ({
  uid: uidOf(e),
  date: e.date.toString(),
  kind: e.kind,
  area: e.area,
  title: e.title[lang],
  topic: e.topic?.[lang] ?? null,
  orgId: e.orgId,
  orgName: e.orgName,
  person: e.person ?? null,
  link: e.link,
  citations: e.citations.map((c) => formatCitation(c, lang)),
  state: e.state,
})
