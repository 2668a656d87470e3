import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { AgendaView } from "../src/routes/agenda/contract.js"
import type { VisitPlanList, VisitPlanView } from "../src/routes/care/contract.js"
import { Agent, backends, type TestSystem, testSystem } from "./support.js"

// The agenda entries of the areas merged after the agenda (care), on the demo district. The test clock stands
// at 2026-11-27 (Asia/Shanghai).
describe.each(backends)("Area agenda sources on %s", (backend) => {
  let sys: TestSystem
  let officer: Agent

  beforeAll(async () => {
    sys = await testSystem(backend)
    officer = new Agent(sys)
    expect((await officer.login("officer")).status).toBe(200)
  })
  afterAll(async () => {
    await sys.stop()
  })

  it("a visit plan with people still to visit shows on its deadline, the last day before the festival; fully visited it leaves", async () => {
    const plans = await officer.json<typeof VisitPlanList.Type>("GET", "/api/care/visit-plans")
    const open = plans.items.find((p) => p.visited < p.targets && p.deadline >= "2026-11-27")
    if (open === undefined) throw new Error("the demo district needs an open visit plan")
    const window = `from=${open.deadline}&days=1`
    const entryOf = async () =>
      (await officer.json<AgendaView>("GET", `/api/agenda?${window}`)).items.find(
        (i) => i.kind === "care.visit-plan" && i.date === open.deadline,
      )
    const entry = await entryOf()
    expect(entry?.state).toBe("due")
    expect(entry?.title).toContain(`${open.visited}/${open.targets}`)
    expect(entry?.link).toBe("/care")
    // Visit everyone the plan names in the scope: the entry goes.
    const detail = await officer.json<VisitPlanView>("GET", `/api/care/visit-plans/${open.id}`)
    for (const t of detail.targets.filter((x) => x.visit === null)) {
      const res = await officer.send("POST", `/api/care/visit-plans/${open.id}/visits`, {
        targetId: t.id,
        visitedOn: "2026-11-26",
        visitors: ["支部书记"],
        amountFen: 0,
      })
      expect(res.status).toBe(201)
    }
    expect(await entryOf()).toBeUndefined()
  })
})
