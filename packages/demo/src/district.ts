import type { PlainDate } from "@xianfeng/core"
import type { DemoContext } from "./contributor.js"
import { contributors } from "./contributors.js"
import { type DemoMember, emptyParts } from "./member.js"
import { branchTable, demoMembers } from "./platform/members.js"
import { type DemoOrg, demoOrgs } from "./platform/orgs.js"
import { type DemoUser, demoUsers } from "./platform/users.js"

export interface DemoDistrictOptions {
  readonly seed: number | string
  /** Default 20,000 (a district); up to 5,000,000 for benchmarks. */
  readonly members?: number
  /**
   * Size the organization tree as for this many members (default `members`): a load that needs the province's
   * tree (about 30,000 branches) without its million members, e.g. to try the tree's writes quickly.
   */
  readonly treeMembers?: number
  /**
   * The day the district is 'as of': ages, stage dates and every development step are placed relative to it,
   * so the district looks alive on any day (the API passes today). The same seed and `asOf` give the same
   * district.
   */
  readonly asOf: PlainDate
}

export interface DemoDistrict {
  readonly seed: number | string
  readonly memberCount: number
  readonly asOf: PlainDate
  /** Parents before children. */
  readonly orgs: readonly DemoOrg[]
  readonly users: readonly DemoUser[]
  /** A fresh pass over the members each call, generated lazily. */
  members(): Generator<DemoMember>
  /** The same members in arrays of `size`. */
  memberBatches(size: number): Generator<DemoMember[]>
}

/**
 * A fictitious district (示范区), deterministic from `seed` and `asOf`: the district committee `d1`, 12
 * working, township and system committees, two grassroots committees, general branches, about 600 branches
 * (more above 20,000 members, about 30 members each: see `demoOrgs`), a
 * party group, the demo logins, and `members` members with realistic mixes of stage, age, sex, occupation,
 * education and ethnicity, and valid but fictitious ID numbers (see DEMO_REGION_CODES); then every area in
 * `contributors` adds its part to each member (development: the histories). A RangeError when `members` is
 * not an integer from 0 to 5,000,000.
 */
export const generateDemoDistrict = (options: DemoDistrictOptions): DemoDistrict => {
  const { seed, asOf } = options
  const memberCount = options.members ?? 20_000
  if (!Number.isInteger(memberCount) || memberCount < 0 || memberCount > 5_000_000) {
    throw new RangeError("members must be an integer from 0 to 5,000,000")
  }
  const orgs = demoOrgs(seed, options.treeMembers ?? memberCount)
  const context: DemoContext = {
    seed,
    asOf,
    orgs,
    orgById: new Map(orgs.map((o) => [o.id, o])),
    users: demoUsers(seed, orgs),
  }
  const table = branchTable(orgs)
  const hooks = contributors.flatMap((c) => (c.member === undefined ? [] : [c.member]))
  const members = function* (): Generator<DemoMember> {
    for (const m of demoMembers(seed, table, memberCount, asOf)) {
      let out: DemoMember = { ...m, ...emptyParts }
      for (const hook of hooks) out = hook(out, context)
      yield out
    }
  }
  return {
    seed,
    memberCount,
    asOf,
    orgs,
    users: context.users,
    members,
    memberBatches: function* (size: number) {
      let batch: DemoMember[] = []
      for (const m of members()) {
        batch.push(m)
        if (batch.length >= size) {
          yield batch
          batch = []
        }
      }
      if (batch.length > 0) yield batch
    },
  }
}

/** The district as its contributors see it while it is written. */
export const contextOf = (district: DemoDistrict): DemoContext => ({
  seed: district.seed,
  asOf: district.asOf,
  orgs: district.orgs,
  orgById: new Map(district.orgs.map((o) => [o.id, o])),
  users: district.users,
})
