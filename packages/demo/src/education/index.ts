import { hashSeed } from "@xianfeng/core/testing"
import { writeEducationRecords } from "@xianfeng/db"
import { exampleRecords } from "@xianfeng/education-training/testing"
import type { DemoContributor } from "../contributor.js"

/**
 * 教育培训 (Education and training) in the demo district: a few records for every branch, dated over the year before
 * the day the district is loaded, from the area's seeded example data.
 */
export const educationContributor: DemoContributor = {
  area: "education",
  setup: async (tx, district) => {
    const branches = district.orgs.filter((o) => o.kind === "branch")
    await writeEducationRecords(
      tx,
      branches.flatMap((branch, i) =>
        exampleRecords(hashSeed(district.seed, "education", i), 2, district.asOf).map((r, k) => ({
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
