import type { PlainDate } from "@xianfeng/core"
import { insertMember, type insertOrg } from "../../src/index.js"
import { testVault } from "../suite/context.js"
import { insertOrgs } from "./orgs.js"

type Tx = Parameters<typeof insertOrg>[0]

/**
 * The small district an area's query tests share: 区委 d1 over two party committees c01 and c02 with a branch
 * each (b1, b2); full members named `inB1` in b1 and one, `inB2`, in b2 (outside c01's scope). Returns their ids.
 */
export const seedTwoCommittees = async (
  tx: Tx,
  people: {
    readonly inB1: readonly string[]
    readonly inB2: string
    readonly birthDate: PlainDate
    readonly fullMemberOn?: PlainDate
  },
): Promise<{ readonly ids: string[]; readonly stranger: string }> => {
  await insertOrgs(tx, [
    { id: "d1", kind: "district-committee", name: "区委" },
    { id: "c01", parentId: "d1", kind: "party-committee", name: "第一党委" },
    { id: "c02", parentId: "d1", kind: "party-committee", name: "第二党委" },
    { id: "b1", parentId: "c01", kind: "branch", name: "第一支部" },
    { id: "b2", parentId: "c02", kind: "branch", name: "第二支部" },
  ])
  const person = (orgId: string, name: string) => ({
    orgId,
    name,
    sex: "male" as const,
    birthDate: people.birthDate,
    ethnicity: "01",
    education: "21",
    occupationGroup: "worker",
    stage: "full" as const,
    ...(people.fullMemberOn ? { fullMemberOn: people.fullMemberOn } : {}),
  })
  const ids: string[] = []
  for (const name of people.inB1) ids.push((await insertMember(tx, testVault, person("b1", name))).id)
  const stranger = (await insertMember(tx, testVault, person("b2", people.inB2))).id
  return { ids, stranger }
}
