import { exampleRecords } from "@xianfeng/appraisal-scoring/testing"
import { hashSeed } from "@xianfeng/core/testing"
import { writeAppraisalRecords } from "@xianfeng/db"
import type { DemoContributor } from "../contributor.js"

/**
 * 评议考核 (Appraisal) in the demo district: a few records for every branch, dated over the year before
 * the day the district is loaded, from the area's seeded example data.
 */
export const appraisalContributor: DemoContributor = {
  area: "appraisal",
  setup: async (tx, district) => {
    const branches = district.orgs.filter((o) => o.kind === "branch")
    await writeAppraisalRecords(
      tx,
      branches.flatMap((branch, i) =>
        exampleRecords(hashSeed(district.seed, "appraisal", i), 2, district.asOf).map((r, k) => ({
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
