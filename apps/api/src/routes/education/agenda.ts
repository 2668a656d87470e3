import { compareDates } from "@xianfeng/core"
import { sessionsBetween } from "@xianfeng/db"
import { type AgendaEntry, defineAgendaSource } from "../../http/agenda-kit.js"

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`

/**
 * 教育培训 in the agenda: the coming sessions (课次) of the scope's classes still open, on their day (from today
 * on: a session past is attended or not, never overdue).
 */
export const educationAgenda = defineAgendaSource({
  area: "education",
  entries: async ({ db, scope, today, from, to, limit }) => {
    const start = compareDates(from, today) < 0 ? today : from
    if (compareDates(start, to) > 0) return []
    return (await sessionsBetween(db, scope, start, to, limit)).map(
      (s): AgendaEntry => ({
        date: s.onDate,
        kind: "education.session",
        key: s.id,
        title: {
          "zh-CN": `${s.orgName}：${s.classTitle}·${s.topic}（${clock(s.startMinute)}）`,
          en: `${s.orgName}: ${s.classTitle} · ${s.topic} (${clock(s.startMinute)})`,
        },
        orgId: s.orgId,
        orgName: s.orgName,
        link: `/education/classes/${encodeURIComponent(s.classId)}`,
        citations: [],
        state: "due",
      }),
    )
  },
})
