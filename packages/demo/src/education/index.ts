import { type PlainDate, Temporal } from "@xianfeng/core"
import { hashSeed, int, mulberry32 } from "@xianfeng/core/testing"
import {
  type NewClass,
  type NewOnline,
  writeAttendance,
  writeClasses,
  writeEducationRoles,
  writeEnrolments,
  writeExemptions,
  writeForumPosts,
  writeOnline,
} from "@xianfeng/db"
import type { DemoContext, DemoContributor } from "../contributor.js"
import type { DemoDistrict } from "../district.js"
import { uuidOf } from "../ids.js"
import type { DemoMember } from "../member.js"

/** How many members the district's rotation class takes: four sessions each, about 1,100 person-times. */
export const ROTATION_SEATS = 280
const ROTATION_SESSIONS = 4
const COMMITTEE_SESSIONS = 7

/** The state of one load: the district, who is already enrolled in the rotation, each branch's committee so far. */
let load: PlannerState | undefined

interface PlannerState {
  readonly district: DemoContext
  seats: number
  /** Per organization, how many committee posts are given so far (the secretary's included). */
  readonly committees: Map<string, number>
}

/** A committee post the demo gives (the secretary, a deputy, a 委员 with a 分工). */
type DemoPost = {
  readonly post: "secretary" | "deputy-secretary" | "committee-member"
  readonly duty: "organization" | "propaganda" | "discipline" | null
}

/**
 * 支部委员会 of a demo organization: a secretary and then 2–4 members (fixed per organization by the seed): with
 * four, a deputy secretary first; then the 组织委员, 宣传委员 and 纪检委员 (BR: a committee of 3–5).
 */
const committeeOf = (district: DemoContext, orgId: string): readonly DemoPost[] => {
  const size = int(mulberry32(hashSeed(district.seed, "committee", orgId)), 2, 4)
  const members: DemoPost[] = [
    { post: "committee-member", duty: "organization" },
    { post: "committee-member", duty: "propaganda" },
    { post: "committee-member", duty: "discipline" },
  ]
  return [
    { post: "secretary", duty: null },
    ...(size === 4 ? [{ post: "deputy-secretary" as const, duty: null }] : []),
    ...members.slice(0, Math.min(size, 3)),
  ]
}

const dayIn = (asOf: PlainDate, k: number, n: number): PlainDate => {
  const start = Temporal.PlainDate.from({ year: asOf.year, month: 1, day: 1 })
  const span = start.until(asOf).days
  return start.add({ days: Math.floor(((k + 0.5) * span) / n) })
}

const topOf = (district: DemoContext, orgId: string): string => {
  let org = district.orgById.get(orgId)
  while (org !== undefined && org.parentId !== null && district.orgById.get(org.parentId)?.parentId !== null)
    org = district.orgById.get(org.parentId)
  return org?.id ?? orgId
}

const rotationId = (d: DemoContext) => uuidOf(`${d.seed}/education/rotation`)
const rotationSession = (d: DemoContext, k: number) => uuidOf(`${d.seed}/education/rotation/${k}`)
const committeeClass = (d: DemoContext, top: string) => uuidOf(`${d.seed}/education/class/${top}`)
const committeeSession = (d: DemoContext, top: string, k: number) =>
  uuidOf(`${d.seed}/education/class/${top}/${k}`)

const threads = [
  {
    title: "村党组织带头人培养的几点体会",
    body: "我们支部坚持把乡村振兴和党建引领结合起来，把致富能手培养成党员，把党员培养成村干部。",
    replies: [
      "很受启发，我们村也在做“头雁”培养，下一步想学习你们的经验。",
      "网格化管理也很重要，党员联系户要落到实处。",
    ],
    featured: true,
  },
  {
    title: "“第一议题”学习如何避免照本宣科",
    body: "我们尝试每次由一名支委领学，再结合本社区的实际工作谈体会，学习效果比单纯读文件好。",
    replies: ["赞同，结合实际最关键。"],
    featured: true,
  },
  {
    title: "老党员送学上门的做法",
    body: "对年老体弱、行动不便的老党员，我们每月上门送学一次，把学习材料读给他们听，并听取他们的意见建议。",
    replies: [],
    featured: false,
  },
]

/** The district's classes: the rotation class run by the district and each top committee's centralized class. */
const classesOf = (district: DemoContext, rootId: string, recordedAt: Date): NewClass[] => {
  const { asOf } = district
  const tops = district.orgs.filter((o) => o.parentId === rootId)
  return [
    {
      id: rotationId(district),
      orgId: rootId,
      title: `${asOf.year}年学习贯彻全会精神集中轮训班`,
      audienceKind: "subtree",
      audienceValue: rootId,
      centralized: true,
      sessions: Array.from({ length: ROTATION_SESSIONS }, (_, k) => ({
        id: rotationSession(district, k),
        topic: `第${k + 1}讲`,
        onDate: dayIn(asOf, k, ROTATION_SESSIONS),
        startMinute: 9 * 60,
        endMinute: 12 * 60,
        tenths: 30,
      })),
      recordedBy: null,
      recordedAt,
    },
    ...tops.map((top) => ({
      id: committeeClass(district, top.id),
      orgId: top.id,
      title: `${top.name}${asOf.year}年度党员集中学习`,
      audienceKind: "subtree" as const,
      audienceValue: top.id,
      centralized: true,
      sessions: Array.from({ length: COMMITTEE_SESSIONS }, (_, k) => ({
        id: committeeSession(district, top.id, k),
        topic:
          ["党章党规", "党的创新理论", "党史学习", "形势政策", "廉洁教育", "业务知识", "志愿服务"][k] ??
          `专题${k + 1}`,
        onDate: dayIn(asOf, k, COMMITTEE_SESSIONS),
        startMinute: 14 * 60,
        endMinute: 17 * 60,
        tenths: 40,
      })),
      recordedBy: null,
      recordedAt,
    })),
  ]
}

const ONLINE_TENTHS = 20

/** One member's study in the demo year: an exemption, or their post, classes, sessions attended and online days. */
interface MemberPlan {
  readonly exemption?: { readonly reason: "old"; readonly studyBrought: string }
  readonly post?: DemoPost & { readonly since: PlainDate }
  readonly classes: readonly string[]
  readonly sessions: readonly string[]
  readonly online: readonly PlainDate[]
}

/**
 * Plans each member's study, members taken in load order (the rotation's seats and each branch's committee posts
 * go to the first who qualify: full members, the secretary first); undefined for members not judged (not full or
 * probationary, or not in normal standing). Committee members study as cadres (56 hours, PL19).
 */
const memberPlanner =
  (state: PlannerState) =>
  (m: DemoMember): MemberPlan | undefined => {
    const { district } = state
    const { asOf } = district
    if (!((m.stage === "full" || m.stage === "probationary") && m.status === "normal")) return undefined
    const rng = mulberry32(hashSeed(district.seed, "education-member", m.id))
    const top = topOf(district, m.orgId)
    const age = m.birthDate.until(asOf, { largestUnit: "years" }).years
    if (age >= 85)
      return {
        exemption: { reason: "old", studyBrought: "每月送学上门" },
        classes: [],
        sessions: [],
        online: [],
      }
    const given = state.committees.get(m.orgId) ?? 0
    const seat = m.stage === "full" ? committeeOf(district, m.orgId)[given] : undefined
    let post: MemberPlan["post"]
    if (seat !== undefined) {
      state.committees.set(m.orgId, given + 1)
      post = { ...seat, since: asOf.subtract({ years: int(rng, 1, 4) }) }
    }
    const cadre = post !== undefined
    const below = !cadre && int(rng, 0, 13) === 0
    const classes = [committeeClass(district, top)]
    const sessions: string[] = []
    const count = below ? 2 : int(rng, 0, 19) === 0 ? COMMITTEE_SESSIONS - 1 : COMMITTEE_SESSIONS
    for (let k = 0; k < count; k++) sessions.push(committeeSession(district, top, k))
    if (state.seats < ROTATION_SEATS && !below) {
      state.seats += 1
      classes.push(rotationId(district))
      for (let k = 0; k < ROTATION_SESSIONS; k++)
        if (int(rng, 0, 60) > 0) sessions.push(rotationSession(district, k))
    }
    const pieces = below ? 1 : cadre ? 14 : int(rng, 3, 5)
    const online = Array.from({ length: pieces }, (_, k) => dayIn(asOf, k, pieces + 1).add({ days: 1 }))
    return { ...(post === undefined ? {} : { post }), classes, sessions, online }
  }

/**
 * The demo district's study as plain data per member (for `@xianfeng/impact`'s dataset), exactly what the
 * contributor writes: the year, each entry (classes' sessions attended and online days, as `StudyEntry` fields
 * with ISO dates), the committee post held and the EM 23 exemption. Members not judged are absent.
 */
export function* demoStudyParts(district: DemoDistrict): Generator<{
  readonly memberId: string
  readonly part: {
    readonly year: number
    readonly entries: readonly {
      readonly source: "class" | "online"
      readonly ref: string
      readonly on: string
      readonly start?: number
      readonly end?: number
      readonly tenths: number
      readonly centralized: boolean
    }[]
    readonly posts: readonly { readonly post: DemoPost["post"]; readonly since: string }[]
    readonly admittedOn?: string
    readonly fullMemberOn?: string
    readonly exemption?: { readonly reason: "old"; readonly studyBrought: string }
  }
}> {
  const context: DemoContext = {
    seed: district.seed,
    asOf: district.asOf,
    orgs: district.orgs,
    orgById: new Map(district.orgs.map((o) => [o.id, o])),
    users: district.users,
  }
  const root = district.orgs.find((o) => o.parentId === null)
  if (root === undefined) return
  const sessions = new Map(
    classesOf(context, root.id, new Date(0)).flatMap((c) =>
      c.sessions.map((s) => [s.id, { ...s, centralized: c.centralized }] as const),
    ),
  )
  const plan = memberPlanner({ district: context, seats: 0, committees: new Map() })
  for (const m of district.members()) {
    const p = plan(m)
    if (p === undefined) continue
    const entries = [
      ...p.sessions.flatMap((id) => {
        const s = sessions.get(id)
        return s === undefined
          ? []
          : [
              {
                source: "class" as const,
                ref: id,
                on: s.onDate.toString(),
                start: s.startMinute,
                end: s.endMinute,
                tenths: s.tenths,
                centralized: s.centralized,
              },
            ]
      }),
      ...p.online.map((on, k) => ({
        source: "online" as const,
        ref: `${m.id}/online/${k}`,
        on: on.toString(),
        tenths: ONLINE_TENTHS,
        centralized: false,
      })),
    ]
    yield {
      memberId: m.id,
      part: {
        year: district.asOf.year,
        entries,
        posts: p.post === undefined ? [] : [{ post: p.post.post, since: p.post.since.toString() }],
        ...(m.admittedOn === null || m.admittedOn === undefined
          ? {}
          : { admittedOn: m.admittedOn.toString() }),
        ...(m.fullMemberOn === null || m.fullMemberOn === undefined
          ? {}
          : { fullMemberOn: m.fullMemberOn.toString() }),
        ...(p.exemption === undefined ? {} : { exemption: p.exemption }),
      },
    }
  }
}

/**
 * 教育培训 in the demo district, in the year of the day it is loaded (`asOf`): every top committee runs a
 * centralized class of seven four-hour sessions; the district runs one rotation class (four three-hour
 * sessions) for its first ~280 members — about 1,100 person-times; most members add online learning and reach
 * 32 class hours, about one in fourteen (named in the statistics) does not; each branch's first full members make
 * its committee (a secretary and 2–4 members with posts; 56 hours: more online study); members aged 85 or more are exempted (EM 23) with study brought to
 * them; and a few forum threads, two featured.
 */
export const educationContributor: DemoContributor = {
  area: "education",
  setup: async (tx, district) => {
    load = { district, seats: 0, committees: new Map() }
    const { asOf } = district
    const root = district.orgs.find((o) => o.parentId === null)
    if (root === undefined) return
    const recordedAt = new Date(`${asOf.toString()}T00:00:00Z`)
    const classes = classesOf(district, root.id, recordedAt)
    await writeClasses(tx, classes)
    const author = district.users.find((u) => u.role === "branch-secretary") ?? district.users[0]
    const moderator = district.users.find((u) => u.role === "district-admin") ?? author
    if (author === undefined || moderator === undefined) return
    for (const [i, t] of threads.entries()) {
      const at = new Date(recordedAt.getTime() - (threads.length - i) * 86_400_000 * 7)
      const [post] = await writeForumPosts(tx, [
        {
          threadId: null,
          orgId: author.orgId,
          authorId: author.id,
          authorName: author.displayName,
          title: t.title,
          body: t.body,
          featured: t.featured,
          createdAt: at,
        },
      ])
      if (post === undefined) continue
      await writeForumPosts(
        tx,
        t.replies.map((body, k) => ({
          threadId: post.id,
          orgId: moderator.orgId,
          authorId: moderator.id,
          authorName: moderator.displayName,
          title: "",
          body,
          createdAt: new Date(at.getTime() + (k + 1) * 3_600_000),
        })),
      )
    }
  },
  rows: async (tx, batch) => {
    const state = load
    if (state === undefined) return {}
    const { asOf } = state.district
    const recordedAt = new Date(`${asOf.toString()}T00:00:00Z`)
    const plan = memberPlanner(state)
    const enrolments: { classId: string; memberId: string }[] = []
    const attendance: { sessionId: string; memberId: string }[] = []
    const online: NewOnline[] = []
    const roles: Parameters<typeof writeEducationRoles>[1][number][] = []
    const exemptions: Parameters<typeof writeExemptions>[1][number][] = []
    for (const m of batch) {
      const p = plan(m)
      if (p === undefined) continue
      if (p.exemption !== undefined) {
        exemptions.push({ memberId: m.id, year: asOf.year, ...p.exemption, recordedBy: null, recordedAt })
        continue
      }
      if (p.post !== undefined)
        roles.push({ memberId: m.id, role: p.post.post, duty: p.post.duty, since: p.post.since })
      for (const classId of p.classes) enrolments.push({ classId, memberId: m.id })
      for (const sessionId of p.sessions) attendance.push({ sessionId, memberId: m.id })
      for (const onDate of p.online)
        online.push({
          memberId: m.id,
          title: "网络学习（党员教育平台）",
          onDate,
          startMinute: null,
          endMinute: null,
          tenths: ONLINE_TENTHS,
          recordedBy: null,
          recordedAt,
        })
    }
    await writeEnrolments(tx, enrolments)
    await writeAttendance(tx, attendance)
    await writeOnline(tx, online)
    await writeEducationRoles(tx, roles)
    await writeExemptions(tx, exemptions)
    return {
      educationEnrolments: enrolments.length,
      educationAttendance: attendance.length,
      educationOnline: online.length,
      educationExemptions: exemptions.length,
    }
  },
}
