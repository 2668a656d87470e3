import type { PlainDate } from "@xianfeng/core"
import { educationOf } from "./education.js"
import type { PersonFacts } from "./history.js"
import { type OccupationInput, occupationOf } from "./occupation.js"

/**
 * A person as a member record holds them, in plain data: what `factsOf` needs and nothing of storage. The
 * database's member rows satisfy it.
 */
export interface PersonInput extends OccupationInput {
  readonly sex: "male" | "female"
  /** The national 民族 code. */
  readonly ethnicity: string
  /** The organization (党支部) the person belongs to. */
  readonly orgId: string
}

/**
 * The facts the rules read of a person (`PersonFacts`) on `asOf`: birth date, sex, ethnicity, the education
 * level of the 学历 code (left out when the code is not a known one) and the DR 37 priority group, which
 * depends on the person's age on `asOf` (young farmers). Member records do not say whether someone is a
 * migrant (流动人员, DR 13/16), so `migrant` is false.
 */
export const factsOf = (p: PersonInput, asOf: PlainDate): PersonFacts => {
  const education = educationOf(p.education)
  return {
    birthDate: p.birthDate,
    migrant: false,
    gender: p.sex,
    ethnicity: p.ethnicity,
    occupation: occupationOf(p, asOf),
    orgId: p.orgId,
    ...(education === undefined ? {} : { education }),
  }
}
