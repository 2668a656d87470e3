import { hash } from "node:crypto"
import { type Citation, compareChinese, formatCitation, type PlainDate } from "@xianfeng/core"
import type { Scope, XfDb } from "@xianfeng/db"
import type { AgendaEntry, AgendaSource } from "../../http/agenda-kit.js"
import type { Lang } from "../../http/problem.js"
import type { AgendaItemView } from "./contract.js"

/** The most items one answer (JSON or feed) holds, soonest first; `total` tells how many there were. */
export const AGENDA_CAP = 500

/** The item's stable id: a hash of kind and key, so the feed's UID carries no internal id. */
export const uidOf = (e: Pick<AgendaEntry, "kind" | "key">): string =>
  hash("sha256", `${e.kind}\n${e.key}`, "hex").slice(0, 32)

/**
 * One gathered entry with its area and its `uidOf`, before it is rendered in a language. The source's entry is held,
 * not copied: a copy of 500 entries' dozen fields was the largest allocation of an agenda read.
 */
export interface GatheredEntry {
  readonly entry: AgendaEntry
  readonly area: string
  readonly uid: string
}

/** What `localeCompare` without a locale uses: made once, not per comparison. */
const rootOrder = new Intl.Collator()

/** An entry being merged: its day as a number (year, month, day in bits: the dates' order), its uid once asked. */
interface Keyed {
  readonly day: number
  readonly area: string
  readonly e: AgendaEntry
  uid?: string
}

const uidOfKeyed = (k: Keyed): string => {
  k.uid ??= uidOf(k.e)
  return k.uid
}

/**
 * Asks every source for the window `from`…`to` of `scope` and merges the answers, soonest first (then by
 * area, kind, title in Chinese order and uid): the first `AGENDA_CAP` as `entries`, and how many there were in
 * all as `total`. Each source is asked for at most `AGENDA_CAP + 1` entries of each of its lists, so a source
 * that answers more than `AGENDA_CAP` may have more than it gave: `total` is then a lower bound and `totalExact`
 * false.
 *
 * The sources are asked together: they share the request's transaction (one connection), whose client sends
 * their statements one after another as each is ready (on PostgreSQL the pools' `OneAtATimeClient` keeps that
 * queue, not the driver, whose queue goes in pg 9), so the database works on one source's statement while
 * Node handles another's rows, instead of each waiting for the other. Each source's own statements keep their
 * order. Every source is let finish before an error is thrown (the first source's in `sources` order), so
 * nothing runs on the transaction after it ends. Only the entries kept are hashed for their uid (and those whose
 * order comes down to it).
 */
export const gatherAgenda = async (
  sources: readonly AgendaSource[],
  request: { db: XfDb; scope: Scope; today: PlainDate; from: PlainDate; to: PlainDate },
): Promise<{ readonly entries: GatheredEntry[]; readonly total: number; readonly totalExact: boolean }> => {
  const answers = await Promise.allSettled(
    sources.map((source) => source.entries({ ...request, limit: AGENDA_CAP + 1 })),
  )
  const keyed: Keyed[] = []
  // A window holds a few dozen distinct days (the sources share their date objects): each date's fields are read
  // once, not three polyfill look-ups per entry.
  const dayOf = new Map<PlainDate, number>()
  let totalExact = true
  answers.forEach((answer, i) => {
    if (answer.status === "rejected") throw answer.reason
    if (answer.value.length > AGENDA_CAP) totalExact = false
    const area = (sources[i] as AgendaSource).area
    for (const e of answer.value) {
      let day = dayOf.get(e.date)
      if (day === undefined) {
        day = (e.date.year << 9) | (e.date.month << 5) | e.date.day
        dayOf.set(e.date, day)
      }
      keyed.push({ day, area, e })
    }
  })
  keyed.sort(
    (a, b) =>
      a.day - b.day ||
      rootOrder.compare(a.area, b.area) ||
      rootOrder.compare(a.e.kind, b.e.kind) ||
      compareChinese(a.e.title["zh-CN"], b.e.title["zh-CN"]) ||
      rootOrder.compare(uidOfKeyed(a), uidOfKeyed(b)),
  )
  return {
    entries: keyed.slice(0, AGENDA_CAP).map((k) => ({ entry: k.e, area: k.area, uid: uidOfKeyed(k) })),
    total: keyed.length,
    totalExact,
  }
}

/**
 * Renders entries for one answer in `lang`: each distinct date written once and each citation object formatted once
 * (the steps' and obligations' citations are shared by every entry of their kind).
 */
export const itemViewer = (lang: Lang): ((e: GatheredEntry) => AgendaItemView) => {
  const dates = new Map<PlainDate, string>()
  const cited = new Map<Citation, string>()
  const dateText = (d: PlainDate) => {
    let t = dates.get(d)
    if (t === undefined) {
      t = d.toString()
      dates.set(d, t)
    }
    return t
  }
  const citationText = (c: Citation) => {
    let t = cited.get(c)
    if (t === undefined) {
      t = formatCitation(c, lang)
      cited.set(c, t)
    }
    return t
  }
  return (e) => itemView(e, lang, dateText, citationText)
}

/** An entry as the API shows it, in `lang`. */
export const itemView = (
  { entry: e, area, uid }: GatheredEntry,
  lang: Lang,
  dateText: (d: PlainDate) => string = (d) => d.toString(),
  citationText: (c: Citation) => string = (c) => formatCitation(c, lang),
): AgendaItemView => ({
  uid,
  date: dateText(e.date),
  kind: e.kind,
  area,
  title: e.title[lang],
  topic: e.topic?.[lang] ?? null,
  orgId: e.orgId,
  orgName: e.orgName,
  person: e.person ?? null,
  link: e.link,
  citations: e.citations.map(citationText),
  state: e.state,
})
