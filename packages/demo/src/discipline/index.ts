import { hashSeed } from "@xianfeng/core/testing"
import { writeDisciplineRecords } from "@xianfeng/db"
import { exampleRecords } from "@xianfeng/inspection-scheduling/testing"
import type { DemoContributor } from "../contributor.js"

/**
 * 组织生活与督查 (Organizational life and inspections) in the demo district: a few records for every branch, dated over the year before
 * the day the district is loaded, from the area's seeded example data.
 */
export const disciplineContributor: DemoContributor = {
  area: "discipline",
  setup: async (tx, district) => {
    const branches = district.orgs.filter((o) => o.kind === "branch")
    await writeDisciplineRecords(
      tx,
      branches.flatMap((branch, i) =>
        exampleRecords(hashSeed(district.seed, "discipline", i), 2, district.asOf).map((r, k) => ({
          orgId: branch.id,
          title: `${branch.name}记录${k + 1}`,
          onDate: r.on,
          note: "",
          recordedBy: null,
          recordedAt: new Date(`${district.asOf.toString()}T00:00:00Z`),
        })),
      ),
    )
  },
}
