import { applyOverlay, Temporal } from "@xianfeng/core"
import { hashSeed, mulberry32 } from "@xianfeng/core/testing"
import { saveDevelopmentPolicy, stageColumnsOf, writeDevelopmentRecords } from "@xianfeng/db"
import {
  decodeStepRecord,
  demoDistrictOverlay,
  deriveDates,
  developmentPolicy,
  developmentRuleSets,
  editionResolver,
  type History,
} from "@xianfeng/development-rules"
import { Result } from "effect"
import type { DemoContext, DemoContributor } from "../contributor.js"
import { uuidOf } from "../ids.js"
import type { DemoMember } from "../member.js"
import { approverOf, type DemoHistory, demoHistory } from "./histories.js"

/** The demo district's development policy: the national defaults with `demoDistrictOverlay`. */
export const demoDevelopmentPolicy = Result.getOrThrow(applyOverlay(developmentPolicy, demoDistrictOverlay))
const editionOn = editionResolver(developmentRuleSets)

/** The history as the rules library reads it (the stored JSON, decoded by the library's schemas). */
export const demoHistoryForRules = (m: DemoMember): History => ({
  person: { birthDate: m.birthDate, migrant: false, gender: m.sex },
  records: m.development.map((r) =>
    Result.getOrThrow(decodeStepRecord({ step: r.step, on: r.onDate.toString(), evidence: r.evidence })),
  ),
})

/**
 * The same history without running the schemas (the generator knows its own evidence: only the notice holds
 * dates), for speed at a million members; the tests decode every record with `demoHistoryForRules`.
 */
const fastHistory = (m: DemoMember): History => ({
  person: { birthDate: m.birthDate, migrant: false, gender: m.sex },
  records: m.development.map((r) => {
    const e = r.evidence as Record<string, unknown>
    const evidence =
      r.step === "public-notice"
        ? {
            ...e,
            start: Temporal.PlainDate.from(String(e.start)),
            end: Temporal.PlainDate.from(String(e.end)),
          }
        : e
    return { step: r.step, on: r.onDate, evidence } as unknown as History["records"][number]
  }),
})

/**
 * Gives a member who is on the road to membership a development history anchored on the drawn stage date,
 * then takes the stage dates from the history as the rules library derives them, so the two always agree.
 */
const withDevelopment = (m: DemoMember, district: DemoContext): DemoMember => {
  if (m.stage === "full") return m
  const branch = district.orgById.get(m.orgId)
  if (branch === undefined) return m
  const anchorOn =
    m.stage === "applicant"
      ? m.appliedOn
      : m.stage === "activist"
        ? m.activistOn
        : m.stage === "development-object"
          ? m.developmentObjectOn
          : m.admittedOn
  if (anchorOn === null) return m
  const rng = mulberry32(hashSeed(district.seed, "development", m.id))
  const h: DemoHistory = demoHistory(
    rng,
    m.stage,
    anchorOn,
    district.asOf,
    { branch, approver: approverOf(branch, district.orgById), sex: m.sex },
    demoDevelopmentPolicy,
    m.birthDate.add({ years: 18, days: 1 }),
  )
  const withRecords = { ...m, development: h.records.map((r, k) => ({ ...r, id: uuidOf(`${m.id}/${k}`) })) }
  const derived = deriveDates(fastHistory(withRecords), editionOn, demoDevelopmentPolicy, district.asOf)
  const { stage, ...dates } = stageColumnsOf(derived)
  return {
    ...withRecords,
    stage: stage ?? m.stage,
    appliedOn: dates.appliedOn ?? null,
    activistOn: dates.activistOn ?? null,
    developmentObjectOn: dates.developmentObjectOn ?? null,
    admittedOn: dates.admittedOn ?? null,
    fullMemberOn: dates.fullMemberOn ?? null,
    developmentProblem: h.problem ?? null,
  }
}

/**
 * Development's part: a history for every applicant, activist, development object and probationary member,
 * the district's own development settings (three-level pre-review, longer training…), and the records.
 */
export const developmentContributor: DemoContributor = {
  area: "development",
  member: withDevelopment,
  setup: async (tx) => {
    await saveDevelopmentPolicy(tx, "d1", { ...demoDistrictOverlay })
  },
  rows: async (tx, batch) => ({
    developmentRecords: await writeDevelopmentRecords(
      tx,
      batch.flatMap((m) =>
        m.development.map((r) => ({
          id: r.id,
          memberId: m.id,
          step: r.step,
          onDate: r.onDate.toString(),
          evidence: r.evidence,
        })),
      ),
    ),
  }),
}
