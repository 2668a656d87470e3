import { date } from "@xianfeng/core"
import { demoDuesBasis, demoStudyParts, generateDemoDistrict } from "@xianfeng/demo"
import type { ImpactDataset, ImpactPerson } from "./adapter.js"

/**
 * The demo district as an impact dataset: `members` members generated from `seed` as of `asOf` (the same
 * three give the same people on every machine), each with their development part and (members judged for
 * study) their education part. Fixed defaults keep CI's
 * report comparable from one change to the next.
 */
export const demoDataset = (options: {
  readonly seed?: string
  readonly asOf?: string
  readonly members?: number
}): ImpactDataset => {
  const asOf = options.asOf ?? "2026-11-30"
  const seed = options.seed ?? "impact"
  const district = generateDemoDistrict({
    seed,
    asOf: date(asOf),
    members: options.members ?? 2000,
  })
  const orgName = new Map(district.orgs.map((o) => [o.id, o.name]))
  const study = new Map<string, unknown>()
  for (const { memberId, part } of demoStudyParts(district)) study.set(memberId, part)
  const people: ImpactPerson[] = []
  for (const m of district.members())
    people.push({
      id: m.id,
      name: m.name,
      idNumber: m.idNumber,
      org: orgName.get(m.orgId) ?? m.orgId,
      development: {
        birthDate: m.birthDate.toString(),
        sex: m.sex,
        records: m.development.map((r) => ({ step: r.step, on: r.onDate.toString(), evidence: r.evidence })),
      },
      ...(study.has(m.id) ? { education: study.get(m.id) } : {}),
      ...(m.admittedOn === null || m.status !== "normal"
        ? {}
        : {
            care: {
              birthDate: m.birthDate.toString(),
              admittedOn: m.admittedOn.toString(),
              ...(m.fullMemberOn === null ? {} : { fullMemberOn: m.fullMemberOn.toString() }),
              dues: demoDuesBasis(m, seed),
            },
          }),
    })
  return { asOf, people }
}
