import { date, Temporal } from "@xianfeng/core"
import { loadAreaPolicy, meetingFactsInSubtree, subtreeSittings } from "@xianfeng/db"
import { educationPolicy, firstItemCompliance, firstItemLedger } from "@xianfeng/education-training"
import { todayOf } from "../../deps.js"
import { langOf, problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { FirstItemLedger, FirstItemQuery } from "./contract.js"
import { verdictView } from "./shared.js"

/** The first page when none is asked for, of 20 lines (the admin's page). */
const DEFAULT_PAGE_SIZE = 20

export const firstItemLedgerRoute = route({
  method: "get",
  path: "/api/education/first-item",
  summary:
    "The 第一议题 ledger of the caller's subtree (or one organization's): topic, form, date and organization of " +
    "each meeting that opened with it, and per organization how many of the meetings that must did",
  description:
    "`lines` is one page of the ledger — `page` (from 1) and `pageSize` (20 unless given, at most 100) — in the " +
    "rules package's order (date, then meeting id, so pages are stable); `linesTotal` counts every line of the " +
    "window, and a page past the last is empty. `compliance` stays whole: one row per organization of the " +
    "subtree (2,181 at a province's largest committee, about 300 KB), bounded by the tree and not by how many " +
    "meetings the window holds, and the admin pages it in the browser. The page is cut after the " +
    "rules: compliance needs every meeting of the window anyway, so the lines come from that one read. A value " +
    "out of range or not a number is refused with 400 naming the field.",
  tag: "education",
  auth: "user",
  query: FirstItemQuery,
  response: FirstItemLedger,
  handler: async ({ actor, query, deps, c }) => {
    const lang = langOf(c)
    const today = todayOf(deps)
    const to = query.to === undefined ? today : date(query.to)
    const from =
      query.from === undefined
        ? Temporal.PlainDate.from({ year: to.year, month: 1, day: 1 })
        : date(query.from)
    if (Temporal.PlainDate.compare(from, to) > 0 || from.until(to).days > 3 * 366)
      throw problems.badRequest(
        "起止日期有误（最长三年）",
        "from must not be after to, at most three years apart",
        [{ field: "from", reason: "range", message: { "zh-CN": "起止日期有误", en: "bad range" } }],
      )
    const policy = (await loadAreaPolicy(deps.db, actor.orgPath, educationPolicy)).policy
    // The ledger reads the meetings alone, not who was present at each.
    const meetings = (
      await meetingFactsInSubtree(deps.db, actor, query.orgId, from, to, { present: false })
    ).map((m) => ({
      ...m,
      kinds: m.types,
      on: m.onDate,
    }))
    const { orgs } = await subtreeSittings(deps.db, actor, query.orgId, from, to)
    const names = new Map(orgs.map((o) => [o.id, o.name]))
    const withMeetings = new Set(meetings.map((m) => m.orgId))
    const orgIds = orgs.filter((o) => o.kind === "branch" || withMeetings.has(o.id)).map((o) => o.id)
    const page = query.page ?? 1
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE
    const ledger = firstItemLedger(meetings)
    return {
      from: from.toString(),
      to: to.toString(),
      linesTotal: ledger.length,
      page,
      pageSize,
      lines: ledger.slice((page - 1) * pageSize, page * pageSize).map((l) => ({
        meetingId: l.meetingId,
        orgId: l.orgId,
        orgName: names.get(l.orgId) ?? "",
        date: l.on.toString(),
        kinds: [...l.kinds],
        topic: l.topic,
        form: l.form,
      })),
      compliance: firstItemCompliance(orgIds, meetings, from, to, policy).map((r) => ({
        orgId: r.orgId,
        orgName: names.get(r.orgId) ?? "",
        required: r.required,
        opened: r.opened,
        status: r.verdict.status,
        message: verdictView(r.verdict, lang).message,
      })),
    }
  },
})
