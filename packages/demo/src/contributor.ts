import type { PlainDate } from "@xianfeng/core"
import type { IdVault, XfDb } from "@xianfeng/db"
import type { DemoMember } from "./member.js"
import type { DemoOrg } from "./platform/orgs.js"
import type { DemoUser } from "./platform/users.js"

/** What every contributor sees of the district being generated. */
export interface DemoContext {
  readonly seed: number | string
  /** The day the district is as of: every generated date is placed relative to it. */
  readonly asOf: PlainDate
  /** Parents before children. */
  readonly orgs: readonly DemoOrg[]
  readonly orgById: ReadonlyMap<string, DemoOrg>
  readonly users: readonly DemoUser[]
}

/** What a contributor gets while the district is written. */
export interface DemoWrite {
  readonly vault: IdVault
  /** The hash of DEMO_PASSWORD, made once by the caller's password hash. */
  readonly passwordHash: string
}

/**
 * One area's part of the demo district. The areas share the seeded district (its orgs, users and members) and
 * each adds its own rows: the platform the tree, the logins and the members, development the histories of the
 * people on the road to membership. A new area is a file exporting one of these and a line in
 * `contributors.ts`. Every hook is optional and must be deterministic for a given seed and `asOf`.
 */
export interface DemoContributor {
  /** The area's name (`platform`, `development`, …). */
  readonly area: string
  /** Adds the area's part to a generated member (the platform's hooks run first). */
  readonly member?: (m: DemoMember, district: DemoContext) => DemoMember
  /** Writes what the area keeps once per district, in the transaction that creates the district. */
  readonly setup?: (tx: XfDb, district: DemoContext, write: DemoWrite) => Promise<void>
  /**
   * Writes the area's rows for a batch of members, after the earlier contributors' rows of the same batch and
   * in the same transaction. Returns how many rows of each kind it wrote (they go into the audit row).
   */
  readonly rows?: (
    tx: XfDb,
    batch: readonly DemoMember[],
    write: DemoWrite,
  ) => Promise<Readonly<Record<string, number>>>
  /**
   * Writes what needs the whole district's members (an area's yearly cycle over a branch's roll), after every
   * batch, in one transaction of its own. Returns how many rows of each kind it wrote.
   */
  readonly finish?: (
    tx: XfDb,
    district: DemoContext,
    write: DemoWrite,
  ) => Promise<Readonly<Record<string, number>>>
}
