import { memberRow, members, orgs, users } from "@xianfeng/db"
import type { DemoContributor } from "../contributor.js"

/** The platform's part: the organization tree and the demo logins once, then the members batch by batch. */
export const platformContributor: DemoContributor = {
  area: "platform",
  setup: async (tx, district, write) => {
    await tx.insert(orgs).values(district.orgs.map(({ profile: _p, weight: _w, ...o }) => o))
    await tx.insert(users).values(district.users.map((u) => ({ ...u, passwordHash: write.passwordHash })))
  },
  rows: async (tx, batch, write) => {
    await tx
      .insert(members)
      .values(batch.map(({ development: _d, developmentProblem: _p, ...m }) => memberRow(write.vault, m)))
    return { members: batch.length }
  },
}
