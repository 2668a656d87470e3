import { randomBytes } from "node:crypto"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { sql } from "drizzle-orm"
import { afterAll, describe, expect, it } from "vitest"
import { oncePerRun, testBackends } from "../src/testing.js"

const dir = mkdtempSync(join(tmpdir(), "xf-once-per-run-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("oncePerRun", () => {
  it("runs the maker once; the other callers wait for it to finish", async () => {
    const marker = join(dir, "made")
    let runs = 0
    let finished = false
    const callers = await Promise.all(
      [1, 2, 3].map(() =>
        oncePerRun(marker, async () => {
          runs++
          await new Promise((r) => setTimeout(r, 300))
          finished = true
        }).then((mine) => ({ mine, sawFinished: finished })),
      ),
    )
    expect(runs).toBe(1)
    expect(callers.filter((c) => c.mine)).toHaveLength(1)
    expect(callers.every((c) => c.sawFinished)).toBe(true)
    expect(existsSync(`${marker}.ready`)).toBe(true)
    // A later caller of the run finds it made.
    expect(await oncePerRun(marker, async () => void runs++)).toBe(false)
    expect(runs).toBe(1)
  })

  it("fails every caller with the maker's error, and leaves it in the run's folder", async () => {
    const marker = join(dir, "broken")
    const answers = await Promise.allSettled(
      [1, 2].map(() =>
        oncePerRun(marker, async () => {
          await new Promise((r) => setTimeout(r, 100))
          throw new Error("the district could not be generated")
        }),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual(["rejected", "rejected"])
    for (const a of answers)
      expect(String((a as PromiseRejectedResult).reason)).toContain("the district could not be generated")
    expect(readFileSync(`${marker}.failed`, "utf8")).toContain("the district could not be generated")
    expect(existsSync(`${marker}.ready`)).toBe(false)
  })
})

describe.each(testBackends(process.env.TEST_DATABASE_URL, "xf_once_test"))(
  "openFilled on $name",
  (backend) => {
    it("fills once for all callers, each of whom gets a database of their own holding the fill", async () => {
      const key = `once_${randomBytes(4).toString("hex")}`
      let fills = 0
      const databases = await Promise.all(
        [1, 2].map(() =>
          backend.openFilled(key, async (database) => {
            fills++
            await database.db.execute(sql`create table once_filled (n int)`)
            await database.db.execute(sql`insert into once_filled values (7)`)
          }),
        ),
      )
      try {
        expect(fills).toBe(1)
        const [first, second] = databases
        if (first === undefined || second === undefined) throw new Error("two databases expected")
        await first.db.execute(sql`insert into once_filled values (8)`)
        const count = async (d: typeof first) =>
          Number(
            (
              (await d.db.execute(sql`select count(*) as n from once_filled`)) as unknown as {
                rows: { n: unknown }[]
              }
            ).rows[0]?.n,
          )
        expect([await count(first), await count(second)]).toEqual([2, 1])
      } finally {
        for (const d of databases) await d.close()
      }
    })
  },
)
