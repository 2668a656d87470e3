import { date } from "@xianfeng/core"
import type { XfDb } from "@xianfeng/db"
import { describe, expect, it } from "vitest"
import type { AgendaEntry, AgendaSource } from "../src/http/agenda-kit.js"
import { AGENDA_CAP, gatherAgenda } from "../src/routes/agenda/gather.js"

// How the agenda asks its sources (`gatherAgenda`), apart from any database: the sources here answer from
// memory, and the transaction they would share is never touched.
const request = {
  db: {} as XfDb,
  scope: { orgId: "d1", orgPath: "d1" },
  today: date("2026-11-27"),
  from: date("2026-11-27"),
  to: date("2026-12-27"),
}

const entry = (day: string, title: string): AgendaEntry => ({
  date: date(day),
  kind: "test.item",
  key: `${day}/${title}`,
  title: { "zh-CN": title, en: title },
  orgId: "b1",
  orgName: "第一支部",
  link: "/",
  citations: [],
  state: "due",
})

const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((go) => {
    resolve = go
  })
  return { promise, resolve }
}

describe("gatherAgenda", () => {
  it("asks every source before any has answered, and merges soonest first (across months and years) whatever order they answer in", async () => {
    const secondAsked = deferred()
    const first: AgendaSource = {
      area: "a",
      // Answers only once the second source has been asked: one after another, this would never settle.
      entries: async () => {
        await secondAsked.promise
        return [entry("2026-12-03", "乙"), entry("2026-11-30", "甲")]
      },
    }
    const second: AgendaSource = {
      area: "b",
      entries: async () => {
        secondAsked.resolve()
        return [entry("2027-01-02", "丁"), entry("2026-11-30", "丙"), entry("2026-12-31", "戊")]
      },
    }
    const { entries, total, totalExact } = await gatherAgenda([first, second], request)
    expect(total).toBe(5)
    expect(totalExact).toBe(true)
    expect(entries.map((e) => [e.entry.date.toString(), e.area, e.entry.title["zh-CN"]])).toEqual([
      ["2026-11-30", "a", "甲"],
      ["2026-11-30", "b", "丙"],
      ["2026-12-03", "a", "乙"],
      ["2026-12-31", "b", "戊"],
      ["2027-01-02", "b", "丁"],
    ])
  })

  it("a source's error is thrown only after every other source has finished, the first source's first", async () => {
    const finished: string[] = []
    const later = (area: string, ms: number, fail: boolean): AgendaSource => ({
      area,
      entries: async () => {
        await new Promise((go) => setTimeout(go, ms))
        finished.push(area)
        if (fail) throw new Error(`${area} failed`)
        return [entry("2026-12-01", area)]
      },
    })
    await expect(
      gatherAgenda([later("slow", 30, false), later("b", 20, true), later("c", 1, true)], request),
    ).rejects.toThrow("b failed")
    expect(finished.sort()).toEqual(["b", "c", "slow"])
  })

  it("keeps the first 500 by the order, counts every entry in the total, and says it is a lower bound when a source gave more than 500", async () => {
    const many: AgendaSource = {
      area: "a",
      // 501 entries, one a day from 2026-11-27, titled by their number.
      entries: async () =>
        Array.from({ length: AGENDA_CAP + 1 }, (_, i) =>
          entry(request.from.add({ days: i }).toString(), `第${i}项`),
        ),
    }
    const few: AgendaSource = { area: "b", entries: async () => [entry("2026-11-27", "另一项")] }
    const { entries, total, totalExact } = await gatherAgenda([many, few], request)
    expect(total).toBe(AGENDA_CAP + 2)
    // The source was asked for 501 and gave 501: it may have had more, so the total is only "at least".
    expect(totalExact).toBe(false)
    expect(entries).toHaveLength(AGENDA_CAP)
    expect(entries.slice(0, 3).map((e) => [e.area, e.entry.title["zh-CN"]])).toEqual([
      ["a", "第0项"],
      ["b", "另一项"],
      ["a", "第1项"],
    ])
    expect(entries.at(-1)?.entry.title["zh-CN"]).toBe(`第${AGENDA_CAP - 2}项`)
    expect(new Set(entries.map((e) => e.uid)).size).toBe(AGENDA_CAP)
  })

  it("counts exactly when every source gave at most 500, however many that makes together", async () => {
    const of = (area: string, n: number): AgendaSource => ({
      area,
      entries: async () =>
        Array.from({ length: n }, (_, i) =>
          entry(request.from.add({ days: i % 30 }).toString(), `${area}${i}`),
        ),
    })
    const { entries, total, totalExact } = await gatherAgenda([of("a", AGENDA_CAP), of("b", 300)], request)
    expect(total).toBe(AGENDA_CAP + 300)
    expect(totalExact).toBe(true)
    expect(entries).toHaveLength(AGENDA_CAP)
  })
})
