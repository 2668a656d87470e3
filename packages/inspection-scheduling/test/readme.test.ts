import { join } from "node:path"
import { expect, it } from "vitest"
import { runReadmeExample } from "../../../scripts/readme-example.js"

// The README's example is run as it is written (its import pointed at the source), so it cannot go stale.
it("the README's example runs and prints what the README says", async () => {
  const { printed, expected } = await runReadmeExample(
    join(import.meta.dirname, ".."),
    "@xianfeng/inspection-scheduling",
  )
  expect(printed).toEqual(expected)
})
