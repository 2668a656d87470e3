import { describe, expect, it } from "vitest"
import { configFromEnv } from "../src/config.js"

describe("XF_API_PROCESSES", () => {
  const pgUrl = "postgres://x@127.0.0.1/x"
  it("is one process by default, on PostgreSQL too (a 2-core server leaves the other core to PostgreSQL)", () => {
    expect(configFromEnv({}).processes).toBe(1)
    expect(configFromEnv({ DATABASE_URL: pgUrl }).processes).toBe(1)
    expect(configFromEnv({ DATABASE_URL: pgUrl }).processIndex).toBeUndefined()
  })
  it("takes more processes on PostgreSQL, and the worker's index its primary gave it", () => {
    const c = configFromEnv({ DATABASE_URL: pgUrl, XF_API_PROCESSES: "4", XF_API_PROCESS_INDEX: "3" })
    expect(c.processes).toBe(4)
    expect(c.processIndex).toBe(3)
  })
  it("refuses more than one process on embedded PGlite, and what is not a whole number from 1 to 64", () => {
    expect(() => configFromEnv({ XF_API_PROCESSES: "2" })).toThrow(/one process per data folder/)
    for (const bad of ["0", "65", "1.5", "two"])
      expect(() => configFromEnv({ DATABASE_URL: pgUrl, XF_API_PROCESSES: bad })).toThrow(/XF_API_PROCESSES/)
  })
})
