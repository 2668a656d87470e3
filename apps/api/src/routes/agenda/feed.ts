import type { PlainDate } from "@xianfeng/core"
import ical, { ICalCalendarMethod } from "ical-generator"
import type { Lang } from "../../http/problem.js"
import { type GatheredEntry, itemViewer } from "./gather.js"

/** The media type of an iCalendar stream (RFC 5545 §8.1). */
export const ICALENDAR_MEDIA_TYPE = "text/calendar"

/** Days before today the feed still shows (an order past its deadline stays until it is closed). */
export const FEED_DAYS_BACK = 14
/** Days after today the feed shows. */
export const FEED_DAYS_AHEAD = 90

const midnightUtc = (d: PlainDate): Date => new Date(Date.UTC(d.year, d.month - 1, d.day))

/**
 * The agenda as an iCalendar stream (RFC 5545, written by `ical-generator`): one all-day event per item
 * (DTSTART;VALUE=DATE, DTEND the next day), its UID stable per item (`<hash>@xianfeng`), SUMMARY the item's
 * title (no id numbers), DESCRIPTION the organization, the person where there is one and the articles, URL
 * the admin page that shows it (`origin` + the item's link).
 */
export const agendaCalendar = (
  entries: readonly GatheredEntry[],
  options: { lang: Lang; origin: string; stamp: Date; name: string },
): string => {
  const calendar = ical({
    name: options.name,
    prodId: { company: "xianfeng", product: "agenda", language: options.lang === "en" ? "EN" : "ZH" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  })
  const viewOf = itemViewer(options.lang)
  for (const e of entries) {
    const view = viewOf(e)
    const lines = [
      view.orgName,
      ...(view.person === null ? [] : [view.person]),
      ...(view.citations.length > 0 ? [view.citations.join("；")] : []),
    ]
    calendar.createEvent({
      id: `${view.uid}@xianfeng`,
      allDay: true,
      start: midnightUtc(e.entry.date),
      end: midnightUtc(e.entry.date.add({ days: 1 })),
      stamp: options.stamp,
      summary: view.title,
      description: lines.join("\n"),
      url: new URL(view.link, options.origin).toString(),
    })
  }
  return calendar.toString()
}
