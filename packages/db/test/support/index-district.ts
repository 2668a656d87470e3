import { date } from "@xianfeng/core"
import { afterAll, beforeAll } from "vitest"
import type { Database, Scope } from "../../src/index.js"
import type { TestBackend } from "../../src/testing.js"
import { seedTwoCommittees } from "./two-committees.js"

/** What a suite of `useIndexDistrict` works with, once its `beforeAll` has run (read the fields inside tests). */
export interface IndexDistrict {
  /** The suite's own database on its backend. */
  readonly database: Database
  /** The full members of branch b1 (张一, 李二, 王三), in that order. */
  readonly ids: string[]
  /** The one full member of b2 (赵四), outside c01's scope. */
  readonly stranger: string
  /** The scopes of the district d1, the party committee c01 and its branch b1. */
  readonly district: Scope
  readonly c01: Scope
  readonly b1: Scope
}

/**
 * The set-up the stamped-index suites share (the study-hours and dues-standing indexes): a fresh database on
 * `backend` holding `seedTwoCommittees`' district with three full members in b1 and one in b2, all born
 * 1960-01-01, opened before the suite's own `beforeAll` and closed after the suite. Call it first in the
 * `describe.each` body; the returned object's fields are read in hooks and tests.
 */
export const useIndexDistrict = (backend: TestBackend): IndexDistrict => {
  let database: Database | undefined
  const ids: string[] = []
  let stranger = ""
  beforeAll(async () => {
    database = await backend.open()
    await database.db.transaction(async (tx) => {
      const seeded = await seedTwoCommittees(tx, {
        inB1: ["张一", "李二", "王三"],
        inB2: "赵四",
        birthDate: date("1960-01-01"),
      })
      ids.push(...seeded.ids)
      stranger = seeded.stranger
    })
  }, 300_000)
  afterAll(async () => {
    await database?.close()
  })
  return {
    get database() {
      if (database === undefined) throw new Error("the database is read before the suite's beforeAll")
      return database
    },
    ids,
    get stranger() {
      return stranger
    },
    district: { orgId: "d1", orgPath: "d1" },
    c01: { orgId: "c01", orgPath: "d1.c01" },
    b1: { orgId: "b1", orgPath: "d1.c01.b1" },
  }
}
