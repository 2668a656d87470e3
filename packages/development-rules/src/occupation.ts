import { ageOn, type PlainDate } from "@xianfeng/core"
import { educationOf } from "./education.js"
import type { OccupationGroup } from "./history.js"

/** What the occupation rule reads of a person: the recorded occupation group, the 学历 code, the birth date. */
export interface OccupationInput {
  /** The occupation group recorded on the member (`worker`, `farmer`, …; free text in older records). */
  readonly occupationGroup: string
  /** The national 学历 code (see `educationOf`). */
  readonly education: string
  readonly birthDate: PlainDate
}

/** The age up to which a farmer counts as a young farmer (青年农民), inclusive. */
export const YOUNG_FARMER_MAX_AGE = 35

/**
 * The person's priority group of DR 37 (develop members among industrial workers, young farmers and the highly
 * educated) on `asOf`: a worker is an industrial worker (产业工人); a farmer aged 35 or under on `asOf` is a
 * young farmer (青年农民), an older one "other"; anyone else with a bachelor's degree or more is highly
 * educated (高知识群体); the rest are "other".
 */
export const occupationOf = (p: OccupationInput, asOf: PlainDate): OccupationGroup => {
  if (p.occupationGroup === "worker") return "industrial-worker"
  if (p.occupationGroup === "farmer")
    return ageOn(p.birthDate, asOf) <= YOUNG_FARMER_MAX_AGE ? "young-farmer" : "other"
  const education = educationOf(p.education)
  if (education === "bachelor" || education === "postgraduate") return "highly-educated"
  return "other"
}
