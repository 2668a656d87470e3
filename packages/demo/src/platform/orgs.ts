import { checkPlacement, childPath, type OrgKind } from "@xianfeng/core"
import { hashSeed, int, mulberry32, pick, type Rng } from "@xianfeng/core/testing"
import { Result } from "effect"

/** What kind of unit a branch sits in; it drives its members' occupations, ages and education. */
export type BranchProfile =
  | "village" // 农村
  | "community" // 城市社区
  | "state-organ" // 机关
  | "school"
  | "hospital"
  | "soe" // 国有企业
  | "non-public" // 非公有制企业
  | "social-org" // 社会组织
  | "industrial" // 园区工业企业
  | "retiree" // 离退休党员

export interface DemoOrg {
  readonly id: string
  readonly parentId: string | null
  readonly kind: OrgKind
  readonly name: string
  readonly shortName: string | null
  readonly path: string
  readonly temporary: boolean
  /** Branches only. */
  readonly profile: BranchProfile | null
  /** Relative share of the district's members (branches only, else 0). */
  readonly weight: number
}

/** Typical size of a branch of each profile, relative to the others. */
const SIZE: Readonly<Record<BranchProfile, number>> = {
  village: 42,
  community: 36,
  "state-organ": 24,
  school: 34,
  hospital: 44,
  soe: 34,
  "non-public": 14,
  "social-org": 10,
  industrial: 38,
  retiree: 70,
}

interface CommitteePlan {
  readonly id: string
  readonly kind: OrgKind
  readonly name: string
  readonly shortName: string
  readonly branches: readonly (readonly [BranchProfile, number])[]
  /** Branches of this profile are grouped under general branches (党总支) of about five. */
  readonly grouped?: BranchProfile
  /** A grassroots party committee (基层党委) below this committee, with its own branches. */
  readonly sub?: { readonly id: string; readonly name: string; readonly branches: number }
}

// All names are fictitious: the district, its towns, streets, villages and companies do not exist.
const PLAN: readonly CommitteePlan[] = [
  {
    id: "c01",
    kind: "township-committee",
    name: "示范区青溪镇委员会",
    shortName: "青溪镇党委",
    branches: [
      ["village", 28],
      ["non-public", 8],
      ["state-organ", 3],
      ["school", 2],
      ["retiree", 2],
    ],
    grouped: "state-organ",
  },
  {
    id: "c02",
    kind: "township-committee",
    name: "示范区云岭镇委员会",
    shortName: "云岭镇党委",
    branches: [
      ["village", 32],
      ["non-public", 6],
      ["state-organ", 3],
      ["retiree", 2],
    ],
    sub: { id: "p01", name: "云岭镇工业园区委员会", branches: 10 },
  },
  {
    id: "c03",
    kind: "township-committee",
    name: "示范区白沙镇委员会",
    shortName: "白沙镇党委",
    branches: [
      ["village", 30],
      ["non-public", 6],
      ["state-organ", 3],
      ["retiree", 2],
    ],
  },
  {
    id: "c04",
    kind: "township-committee",
    name: "示范区松川镇委员会",
    shortName: "松川镇党委",
    branches: [
      ["village", 26],
      ["non-public", 5],
      ["state-organ", 3],
      ["retiree", 2],
      ["school", 2],
    ],
  },
  {
    id: "c05",
    kind: "township-committee",
    name: "示范区东湖街道工作委员会",
    shortName: "东湖街道党工委",
    branches: [
      ["community", 14],
      ["non-public", 12],
      ["social-org", 6],
      ["state-organ", 3],
      ["retiree", 5],
    ],
    grouped: "community",
  },
  {
    id: "c06",
    kind: "township-committee",
    name: "示范区西园街道工作委员会",
    shortName: "西园街道党工委",
    branches: [
      ["community", 12],
      ["non-public", 14],
      ["social-org", 6],
      ["state-organ", 3],
      ["retiree", 5],
    ],
  },
  {
    id: "c07",
    kind: "working-committee",
    name: "示范区区直机关工作委员会",
    shortName: "区直机关工委",
    branches: [
      ["state-organ", 60],
      ["retiree", 8],
    ],
    grouped: "state-organ",
  },
  {
    id: "c08",
    kind: "working-committee",
    name: "示范区非公有制经济组织和社会组织工作委员会",
    shortName: "区两新工委",
    branches: [
      ["non-public", 38],
      ["social-org", 20],
    ],
  },
  {
    id: "c09",
    kind: "party-committee",
    name: "示范区教育系统委员会",
    shortName: "区教育系统党委",
    branches: [
      ["school", 60],
      ["retiree", 5],
    ],
    grouped: "school",
  },
  {
    id: "c10",
    kind: "party-committee",
    name: "示范区卫生健康系统委员会",
    shortName: "区卫健系统党委",
    branches: [
      ["hospital", 40],
      ["retiree", 4],
    ],
    grouped: "hospital",
  },
  {
    id: "c11",
    kind: "party-committee",
    name: "示范区国有资产投资集团有限公司委员会",
    shortName: "区国资集团党委",
    branches: [
      ["soe", 40],
      ["retiree", 4],
    ],
    grouped: "soe",
  },
  {
    id: "c12",
    kind: "working-committee",
    name: "示范区经济开发区工作委员会",
    shortName: "开发区党工委",
    branches: [
      ["industrial", 30],
      ["non-public", 20],
    ],
    sub: { id: "p02", name: "示范区恒远智能制造有限公司委员会", branches: 12 },
  },
]

const VILLAGE_A = [..."杨柳桃石河塘桥溪山岭竹梅枫荷松金银上下前后东西南北新大小高黄"]
const VILLAGE_B = [..."家坪湾坑塘岙桥口庄园岗头洋垟圩埠"]
const FIRM_A = [
  "恒远",
  "瑞丰",
  "华创",
  "嘉禾",
  "启明",
  "泰和",
  "宏信",
  "永安",
  "鼎盛",
  "晨光",
  "博远",
  "凯达",
  "青禾",
  "云帆",
]
const FIRM_B = [
  "机械",
  "电子",
  "纺织",
  "新材料",
  "食品",
  "物流",
  "建材",
  "医药",
  "软件",
  "汽车零部件",
  "化工",
  "服饰",
  "光电",
  "环保",
]
const ORGANS = [
  "发展和改革局",
  "财政局",
  "教育局",
  "民政局",
  "人力资源和社会保障局",
  "自然资源和规划局",
  "住房和城乡建设局",
  "交通运输局",
  "农业农村局",
  "商务局",
  "文化和旅游局",
  "卫生健康局",
  "应急管理局",
  "市场监督管理局",
  "统计局",
  "医疗保障局",
  "司法局",
  "审计局",
  "水利局",
  "退役军人事务局",
]
const SOCIAL = [
  "律师协会",
  "注册会计师协会",
  "慈善总会",
  "物业管理行业协会",
  "社会工作服务中心",
  "志愿者协会",
  "餐饮行业协会",
  "个体劳动者协会",
]
const COMMUNITY = [
  "东湖花园",
  "湖滨",
  "翠苑",
  "春晖",
  "锦绣",
  "和平里",
  "新华",
  "文苑",
  "桂香",
  "望江",
  "朝阳",
  "秀水",
  "丰乐",
  "紫荆",
]
const CN = [..."一二三四五六七八九十"]
/**
 * An ordinal in characters, 1 to 9,999 (二十一, 一百零五, 一千五百): the scaled trees of `demoOrgs` number
 * thousands of branches under one committee, and a branch is never named 第123党支部.
 */
const ordinal = (n: number): string => {
  if (!Number.isInteger(n) || n < 1 || n > 9_999) throw new RangeError(`ordinal ${n} outside 1–9,999`)
  if (n < 20) return n <= 10 ? (CN[n - 1] ?? "") : `十${CN[n - 11]}`
  const units = ["千", "百", "十", ""]
  const digits = String(n).padStart(4, "0").split("").map(Number)
  let out = ""
  let zero = false
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== ""
      return
    }
    out += `${zero ? "零" : ""}${CN[d - 1]}${units[i]}`
    zero = false
  })
  return out
}

const HOSPITALS = ["示范区人民医院", "示范区中医院", "示范区妇幼保健院", "示范区疾病预防控制中心"]

/** A fresh name for a branch: villages, firms and units do not repeat inside the district. */
const branchName = (rng: Rng, profile: BranchProfile, plan: CommitteePlan, n: number, used: Set<string>) => {
  const town = plan.shortName.replace(/党.*$/, "")
  // The committee's own name without 党委/党工委/工委 (区直机关, 区教育系统): its retirees' branches carry it, so
  // two committees' 离退休党员第二党支部 are told apart.
  const stem = plan.shortName.replace(/(党工委|党委|工委)$/, "")
  const make = (): string => {
    switch (profile) {
      case "village":
        return `${pick(rng, VILLAGE_A)}${pick(rng, VILLAGE_B)}村党支部`
      case "community":
        return `${pick(rng, COMMUNITY)}社区党支部`
      case "state-organ":
        return plan.kind === "township-committee"
          ? `${town}机关第${ordinal(n)}党支部`
          : `示范区${pick(rng, ORGANS)}机关第${ordinal(int(rng, 1, 3))}党支部`
      case "school":
        return rng() < 0.5
          ? `示范区第${ordinal(int(rng, 1, 30))}中学党支部`
          : `示范区${pick(rng, VILLAGE_A)}${pick(rng, ["溪", "湖", "山", "林"])}小学党支部`
      case "hospital":
        return `${pick(rng, HOSPITALS)}第${ordinal(int(rng, 1, 12))}党支部`
      case "soe":
        return `示范区${pick(rng, FIRM_A)}${pick(rng, ["建设", "水务", "交通", "城投", "旅游", "农业"])}有限公司党支部`
      case "non-public":
      case "industrial":
        return `示范${pick(rng, FIRM_A)}${pick(rng, FIRM_B)}有限公司党支部`
      case "social-org":
        return `示范区${pick(rng, SOCIAL)}党支部`
      case "retiree":
        return plan.kind === "township-committee"
          ? `${town}退休党员第${ordinal(n)}党支部`
          : `${stem}离退休党员第${ordinal(n)}党支部`
    }
  }
  for (let i = 0; i < 50; i++) {
    const name = make()
    if (!used.has(name)) {
      used.add(name)
      return name
    }
  }
  // Still taken: the next free ordinal (…第三党支部), never a second ordinal after the first (第二第2党支部).
  const base = make().replace(/(第[一二三四五六七八九十]+)?党支部$/, "")
  for (let k = 2; ; k++) {
    const name = `${base}第${ordinal(k)}党支部`
    if (!used.has(name)) {
      used.add(name)
      return name
    }
  }
}

/** The members a district of the plan's size holds (about 30 per branch); larger districts get more branches. */
export const DEMO_PLAN_MEMBERS = 20_000

/**
 * The district's organizations, parents before children, placement checked against core's rules.
 *
 * `members` sizes the tree: up to DEMO_PLAN_MEMBERS (20,000) it is the plan as written (657 organizations,
 * the same ids and names whatever the count); above it every committee's branch counts grow in proportion
 * (rounded), so a branch keeps about 30 members — the benchmark's 1,000,000-member province is this district's
 * shape with about 30,000 branches, not 600 branches of 1,500 members each. A larger tree has the same
 * committees and the same first branches' ids (`b0001`…), with further branches numbered on.
 */
export const demoOrgs = (seed: number | string, members: number = DEMO_PLAN_MEMBERS): DemoOrg[] => {
  const scale = Math.max(1, members / DEMO_PLAN_MEMBERS)
  const scaled = (count: number) => (scale === 1 ? count : Math.max(1, Math.round(count * scale)))
  const rng = mulberry32(hashSeed(seed, "orgs"))
  const out: DemoOrg[] = []
  const byId = new Map<string, DemoOrg>()
  const used = new Set<string>()
  const add = (o: Omit<DemoOrg, "path">) => {
    const parent = o.parentId === null ? undefined : byId.get(o.parentId)
    const placed = checkPlacement(o.kind, parent?.kind)
    if (Result.isFailure(placed)) throw new Error(`demo plan: ${placed.failure.message}`)
    const org = { ...o, path: childPath(parent?.path, o.id) }
    out.push(org)
    byId.set(org.id, org)
    return org
  }
  const none = { shortName: null, temporary: false, profile: null, weight: 0 } as const
  add({
    ...none,
    id: "d1",
    parentId: null,
    kind: "district-committee",
    name: "中共示范区委员会",
    shortName: "示范区委",
  })
  add({ ...none, id: "pg1", parentId: "d1", kind: "party-group", name: "示范区人民政府党组" })
  let b = 0
  let g = 0
  const branch = (parentId: string, profile: BranchProfile, name: string, temporary = false) =>
    add({
      id: `b${String(++b).padStart(4, "0")}`,
      parentId,
      kind: "branch",
      name,
      shortName: null,
      temporary,
      profile,
      weight: SIZE[profile] * (0.5 + rng()),
    })
  for (const plan of PLAN) {
    add({
      ...none,
      id: plan.id,
      parentId: "d1",
      kind: plan.kind,
      name: `中共${plan.name}`,
      shortName: plan.shortName,
    })
    for (const [profile, planned] of plan.branches) {
      const count = scaled(planned)
      let group: string | undefined
      for (let n = 1; n <= count; n++) {
        let parent = plan.id
        if (plan.grouped === profile) {
          if ((n - 1) % 5 === 0) {
            group = `g${String(++g).padStart(3, "0")}`
            const label = `${plan.shortName.replace(/党.*$/, "")}第${ordinal(Math.ceil(n / 5))}党总支`
            add({ ...none, id: group, parentId: plan.id, kind: "general-branch", name: label })
          }
          parent = group ?? plan.id
        }
        branch(parent, profile, branchName(rng, profile, plan, n, used))
      }
    }
    if (plan.sub !== undefined) {
      add({
        ...none,
        id: plan.sub.id,
        parentId: plan.id,
        kind: "party-committee",
        name: `中共${plan.sub.name}`,
      })
      for (let n = 1; n <= scaled(plan.sub.branches); n++) {
        branch(plan.sub.id, "industrial", `${plan.sub.name.replace(/委员会$/, "")}第${ordinal(n)}党支部`)
      }
    }
  }
  // 临时党支部 for members working away on a project (may not admit members: DR 22).
  branch("c05", "non-public", "东湖街道外出流动党员临时党支部", true)
  return out
}
