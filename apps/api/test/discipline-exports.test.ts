import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import type { MeetingList, OrderList } from "../src/routes/discipline/contract.js"
import { type Agent, backends, useDemo } from "./support.js"

// The area's ledgers as workbooks (ledger-formats.md §1, §4, §7), opened and read cell by cell. The test
// clock stands at 2026-11-27 (Asia/Shanghai); the demo's spot check was drawn on 2026-10-15 for 2026-Q3.
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/u
const code =
  /^(general-meeting|theme-day|party-lecture|committee-meeting|talk:|minor|serious|critical|open|submitted|closed|met|missed|overdue)/u

describe.each(backends)("Discipline ledgers as .xlsx on %s", (backend) => {
  const demo = useDemo(backend, { logins: ["admin", "secretary1"] })
  const { admin, secretary1: secretary } = demo.agents
  /** secretary1's branch. */
  const branchId = () => demo.orgOf("secretary1")

  const open = async (agent: Agent, path: string) => {
    const res = await agent.get(path)
    expect(res.status, path).toBe(200)
    expect(res.headers.get("content-type")).toContain("spreadsheetml")
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    return { wb, disposition: res.headers.get("content-disposition") ?? "" }
  }

  /** No cell of the workbook holds an internal key: an id or a code of the rules package. */
  const noInternalKeys = (wb: ExcelJS.Workbook) => {
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value
          if (typeof v === "string") {
            expect(v, `${ws.name}!${cell.address}`).not.toMatch(uuid)
            expect(v, `${ws.name}!${cell.address}`).not.toMatch(code)
          }
        }),
      ),
    )
  }

  it("the 三会一课 ledger of a branch and year: one row per sitting with the common header, dates as date cells", async () => {
    const meetings = await secretary.json<MeetingList>(
      "GET",
      `/api/discipline/meetings?orgId=${branchId()}&year=2026`,
    )
    expect(meetings.items.length).toBeGreaterThan(0)
    const { wb, disposition } = await open(
      secretary,
      `/api/discipline/ledger.xlsx?orgId=${branchId()}&year=2026`,
    )
    expect(disposition).toMatch(/filename="ledger-2026\.xlsx"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition)).toContain("2026年三会一课台账.xlsx")
    const ws = wb.getWorksheet("三会一课台账")
    if (!ws) throw new Error("no ledger sheet")
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining([
        "序号",
        "会议类型",
        "日期",
        "主持人",
        "记录人",
        "应到人数",
        "实到人数",
        "缺席人员及原因",
        "第一议题",
      ]),
    )
    expect(ws.rowCount).toBe(meetings.items.length + 1)
    const first = meetings.items[0]
    if (!first) throw new Error("no meeting")
    const date = ws.getRow(2).getCell(3).value
    expect(date).toBeInstanceOf(Date)
    expect((date as Date).toISOString().slice(0, 10)).toBe(first.date)
    expect(ws.getRow(2).getCell(9).value).toBe(first.expected.full + first.expected.probationary)
    expect(String(ws.getRow(2).getCell(2).value)).toMatch(
      /支部党员大会|主题党日|党课|支部委员会会议|组织生活会|民主评议党员/,
    )
    const status = wb.getWorksheet("落实情况")
    expect(status?.getRow(1).values).toEqual(expect.arrayContaining(["事项", "期间", "应于", "状态", "依据"]))
    expect(status?.getRow(2).getCell(3).value).toBeInstanceOf(Date)
    expect(String(status?.getRow(2).getCell(2).value)).toMatch(/^2026年/)
    expect(wb.getWorksheet("谈心谈话")?.getRow(1).getCell(4).value).toBe("谈话人")
    noInternalKeys(wb)
  })

  it("the quarterly inspection summary of the district: each branch's quarter and the spot check's findings", async () => {
    const { wb } = await open(admin, "/api/discipline/inspections.xlsx?quarter=2026-Q3")
    const summary = wb.getWorksheet("季度检查汇总")
    if (!summary) throw new Error("no summary sheet")
    expect(summary.getRow(1).values).toEqual(
      expect.arrayContaining(["被检查党支部", "检查期间", "已落实", "未落实", "落实率", "发现问题"]),
    )
    expect(summary.rowCount).toBeGreaterThan(2)
    expect(summary.getRow(2).getCell(4).value).toBe("2026年第三季度")
    const found = wb.getWorksheet("检查发现问题")
    expect(found?.getRow(1).getCell(7).value).toBe("发现问题")
    // The demo's spot check of 2026-10-15 is in Q4: the Q3 summary lists no finding of its own quarter's draw.
    const q4 = await open(admin, "/api/discipline/inspections.xlsx?quarter=2026-Q4")
    const rows = q4.wb.getWorksheet("检查发现问题")
    expect(rows?.rowCount).toBeGreaterThan(1)
    expect(rows?.getRow(2).getCell(4).value).toBe("随机抽查")
    expect(rows?.getRow(2).getCell(9).value).toBeInstanceOf(Date)
    noInternalKeys(wb)
    noInternalKeys(q4.wb)
  })

  it("the rectification list: one row per order with progress, deadline and closing as the §4 ledger has them", async () => {
    const orders = await admin.json<OrderList>("GET", "/api/discipline/orders")
    const { wb } = await open(admin, "/api/discipline/rectification.xlsx")
    const ws = wb.getWorksheet("整改台账")
    if (!ws) throw new Error("no sheet")
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining([
        "问题来源",
        "问题描述",
        "责任人",
        "整改时限",
        "进展",
        "复核/验收人",
        "销号日期",
      ]),
    )
    expect(ws.rowCount).toBe(orders.items.length + 1)
    const progress = new Set<string>()
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r)
      progress.add(String(row.getCell(10).value))
      expect(row.getCell(9).value).toBeInstanceOf(Date)
      if (row.getCell(10).value === "已完成") expect(row.getCell(15).value).toBeInstanceOf(Date)
      else expect(row.getCell(15).value ?? "").toBe("")
    }
    expect([...progress].every((p) => ["未启动", "推进中", "已完成"].includes(p))).toBe(true)
    expect(progress.has("已完成")).toBe(true)
    noInternalKeys(wb)
  })

  it("a secretary gets the ledger of their own branch only (404 for another), and may not export a committee's summary", async () => {
    expect((await secretary.get("/api/discipline/ledger.xlsx?orgId=d1")).status).toBe(404)
    expect((await secretary.get("/api/discipline/inspections.xlsx?quarter=2026-Q3")).status).toBe(403)
    expect((await admin.get("/api/discipline/inspections.xlsx?quarter=2026-Q5")).status).toBe(400)
  })
})
