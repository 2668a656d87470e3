import type { PlainDate } from "@xianfeng/core"
import type { PipelinePerson, PipelineRole } from "./composition.js"
import { educationOf } from "./education.js"
import { occupationOf } from "./occupation.js"
import type { PersonInput } from "./person-facts.js"

/** A person of the pipeline as a member record holds them: where they stand and what they are. */
export interface PipelinePersonInput extends PersonInput {
  /** 入党申请人, 入党积极分子 or 发展对象; probationary and full members are not in the pipeline. */
  readonly stage: PipelineRole
}

/**
 * The person as the yearly analysis counts them (DR 11) on `asOf`: their role, age (from the birth date),
 * sex, ethnicity, education level (left out when the 学历 code is unknown) and DR 37 priority group.
 */
export const pipelinePersonOf = (p: PipelinePersonInput, asOf: PlainDate): PipelinePerson => {
  const education = educationOf(p.education)
  return {
    orgId: p.orgId,
    role: p.stage,
    birthDate: p.birthDate,
    gender: p.sex,
    ethnicity: p.ethnicity,
    occupation: occupationOf(p, asOf),
    ...(education === undefined ? {} : { education }),
  }
}
