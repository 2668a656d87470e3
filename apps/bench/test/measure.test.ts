import { expect, test } from "vitest"
import { rowLevelSecurityRow } from "../src/measure.js"

test("the row-level security row sums each path's median per side and names every path's pair", () => {
  const r = rowLevelSecurityRow({ path: "d1", members: 1_000_000, as: "admin" }, [
    { path: "/api/members?pageSize=50", owner: [30, 10, 20], role: [40, 50, 45] },
    { path: "/api/care/dashboard", owner: [800, 820], role: [900, 1000] },
  ])
  expect(r.baseline).toBe(20 + 810)
  expect(r.measured).toBe(45 + 950)
  expect(r.ratio).toBeCloseTo(995 / 830)
  expect(r.pass).toBeNull()
  expect(r.metric).toContain("whole tree d1 as `admin` (1,000,000 members)")
  expect(r.detail).toContain("/api/members 45 vs 20 ms")
  expect(r.detail).toContain("/api/care/dashboard 950 vs 810 ms")
})
