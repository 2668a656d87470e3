import { parseYearSchedule } from "@xianfeng/core"
import { clearPipelineIndex, districtOf, loadedCalendarYears, saveCalendarYear } from "@xianfeng/db"
import { Result } from "effect"
import { audit } from "../../audit.js"
import { problems } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { CalendarYearBody, CalendarYearList, CalendarYearParams, CalendarYearView } from "./contract.js"
import { transferPermissions } from "./permissions.js"

export const listCalendarYears = route({
  method: "get",
  path: "/api/calendar/years",
  summary: "Working calendar: the years the district loaded itself (the bundled years are not listed)",
  tag: "transfer",
  auth: "user",
  response: CalendarYearList,
  handler: async ({ deps }) =>
    (await loadedCalendarYears(deps.db)).map((y) => ({ ...y, makeUpWorkdays: [...y.makeUpWorkdays] })),
})

export const putCalendarYear = route({
  method: "put",
  path: "/api/calendar/years/:year",
  summary:
    "Working calendar: load (or replace) a year's holidays and make-up working days as the State Council published them; until then the year stays unknown",
  tag: "transfer",
  auth: "user",
  roles: transferPermissions.calendar,
  params: CalendarYearParams,
  body: CalendarYearBody,
  response: CalendarYearView,
  handler: async ({ actor, params, body, deps }) => {
    const parsed = parseYearSchedule({ ...body, year: Number(params.year) })
    if (Result.isFailure(parsed)) throw problems.field(parsed.failure)
    await saveCalendarYear(deps.db, parsed.success, actor.userId, deps.now())
    // The stored pipeline answers were worked out without this year: forget them (as saving a policy does).
    await clearPipelineIndex(deps.db, districtOf(actor.orgPath))
    await audit(deps.db, deps, actor, {
      action: "calendar.year.save",
      objectType: "calendar-year",
      objectId: String(parsed.success.year),
      result: "ok",
      details: { notice: parsed.success.notice },
    })
    return { ...parsed.success, makeUpWorkdays: [...parsed.success.makeUpWorkdays] }
  },
})
