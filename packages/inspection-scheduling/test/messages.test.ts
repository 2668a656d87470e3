import { locales } from "@xianfeng/core"
import { describe, expect, it } from "vitest"
import {
  disciplineMessages,
  type ObligationId,
  obligationCode,
  obligationStatuses,
  obligationTitles,
  refusalReasons,
} from "../src/index.js"

describe("the message catalog", () => {
  it("has both languages for every obligation status, refusal and standing alert", () => {
    const codes = [
      ...(Object.keys(obligationTitles) as ObligationId[]).flatMap((id) =>
        obligationStatuses.map((s) => obligationCode(id, s)),
      ),
      ...refusalReasons.map((r) => `RECTIFY.${r}`),
      ...["org-life", "dues", "work"].flatMap((a) => [
        `STANDING-SELF-LAPSE.${a}`,
        `STANDING-SELF-LAPSE.${a}.excused`,
        `STANDING-SELF-LAPSE.${a}-unknown`,
      ]),
      "STANDING-LOST-CONTACT.watch",
      "STANDING-LOST-CONTACT.suspend",
      "STANDING-LOST-CONTACT.remove",
      "STANDING-AWAY.transfer",
      "STANDING.ok",
    ]
    for (const code of codes)
      for (const l of locales) expect(disciplineMessages[code]?.[l], `${code} ${l}`).toBeTruthy()
  })
})
