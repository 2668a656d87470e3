import type {
  ClassPage,
  ClassView,
  FirstItemLedger,
  PostView,
  Roster,
  StudyCard,
  StudyStatistics,
  ThreadPage,
  ThreadView,
} from "@xianfeng/api/contract/education"
import { api } from "../../api/client"
import { ProblemError, toProblem } from "../../api/problem"

type Q = Readonly<Record<string, string | number | boolean | undefined>>
const id = (v: string) => encodeURIComponent(v)

/** A new session as the form holds it. */
export interface SessionInput {
  topic: string
  date: string
  startTime: string
  endTime: string
  hours: number
}

/** Who a class is for. */
export type AudienceInput =
  | { kind: "subtree"; orgId: string }
  | { kind: "post"; post: "secretary" | "deputy-secretary" | "committee-member" }
  | { kind: "category"; category: "new-two-committees" | "new-member" | "development-object" }
  | { kind: "list" }

/** The education endpoints (`/api/education/*`); pages call them through TanStack Query. */
export const educationApi = {
  classes: (q: Q) => api.get<ClassPage>("/education/classes", q),
  createClass: (body: {
    orgId: string
    title: string
    audience: AudienceInput
    centralized?: boolean
    sessions: SessionInput[]
  }) => api.post<ClassView>("/education/classes", body),
  roster: (classId: string) => api.get<Roster>(`/education/classes/${id(classId)}`),
  enrol: (classId: string, body: { orgId?: string; memberIds?: string[] }) =>
    api.post<{ added: number; enrolled: number; skipped: number }>(
      `/education/classes/${id(classId)}/enrolments`,
      body,
    ),
  attendance: (classId: string, sessionId: string, memberIds: string[]) =>
    api.put<{ present: number; personTimes: number }>(
      `/education/classes/${id(classId)}/sessions/${id(sessionId)}/attendance`,
      { memberIds },
    ),
  signIn: (classId: string, sessionId: string, filename: string, content: string) =>
    api.post<{ present: number; personTimes: number }>(
      `/education/classes/${id(classId)}/sessions/${id(sessionId)}/sign-in`,
      { filename, content },
    ),
  close: (classId: string, version: number) =>
    api.post<ClassView>(`/education/classes/${id(classId)}/close`, { version }),
  recordOnline: (body: {
    memberId: string
    title: string
    date: string
    startTime?: string
    endTime?: string
    hours: number
  }) => api.post<{ id: string }>("/education/online", body),
  card: (memberId: string, year: number) =>
    api.get<StudyCard>(`/education/members/${id(memberId)}/study`, { year }),
  statistics: (q: { orgId?: string | undefined; year: number }) =>
    api.get<StudyStatistics>("/education/statistics", q),
  firstItem: (q: {
    orgId?: string | undefined
    from?: string
    to?: string
    page: number
    pageSize: number
  }) => api.get<FirstItemLedger>("/education/first-item", q),
  threads: (q: { q?: string | undefined; featured?: "true" | undefined; page: number; pageSize: number }) =>
    api.get<ThreadPage>("/education/forum/threads", q),
  thread: (threadId: string) => api.get<ThreadView>(`/education/forum/threads/${id(threadId)}`),
  post: (body: {
    title: string
    body: string
    attachments?: { filename: string; mime: string; content: string }[]
  }) => api.post<PostView>("/education/forum/threads", body),
  reply: (threadId: string, body: { body: string }) =>
    api.post<PostView>(`/education/forum/threads/${id(threadId)}/replies`, body),
  hide: (postId: string, reason: string) => api.post(`/education/forum/posts/${id(postId)}/hide`, { reason }),
  unhide: (postId: string) => api.post(`/education/forum/posts/${id(postId)}/unhide`),
  feature: (postId: string, featured: boolean) =>
    api.post(`/education/forum/posts/${id(postId)}/feature`, { featured }),
}

export const educationExports = {
  roster: (classId: string) => `/education/classes/${id(classId)}/roster.xlsx`,
  ledger: (year: number, orgId: string | undefined) =>
    `/education/study-ledger.xlsx?year=${year}${orgId ? `&orgId=${id(orgId)}` : ""}`,
  attachment: (attachmentId: string) => `/api/education/forum/attachments/${id(attachmentId)}`,
}

/** Downloads a spreadsheet the API builds (same origin, the session cookie) through a blob link. */
export const download = async (path: string, locale: string, name: string): Promise<void> => {
  const res = await fetch(`/api${path}`, {
    credentials: "same-origin",
    headers: { "accept-language": locale },
  })
  if (!res.ok) {
    let body: unknown
    try {
      body = await res.json()
    } catch {
      body = undefined
    }
    throw new ProblemError(toProblem(res.status, res.statusText, body))
  }
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement("a")
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The dashboard panel's read: the five newest featured threads of the secretaries' forum. */
export const featuredThreadsQuery = () => ({
  queryKey: ["education", "forum", "featured"] as const,
  queryFn: () => educationApi.threads({ featured: "true", page: 1, pageSize: 5 }),
})
