import { hashSeed } from "@xianfeng/core/testing"
import { write__AreaPascal__Records } from "@xianfeng/db"
import { exampleRecords } from "@xianfeng/__package__/testing"
import type { DemoContributor } from "../contributor.js"

/**
 * __titleZh__ (__titleEn__) in the demo district: a few records for every branch, dated over the year before
 * the day the district is loaded, from the area's seeded example data.
 */
export const __areaCamel__Contributor: DemoContributor = {
  area: "__area__",
  setup: async (tx, district) => {
    const branches = district.orgs.filter((o) => o.kind === "branch")
    await write__AreaPascal__Records(
      tx,
      branches.flatMap((branch, i) =>
        exampleRecords(hashSeed(district.seed, "__area__", i), 2, district.asOf).map((r, k) => ({
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
