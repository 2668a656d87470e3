import type { AgendaView, FeedStatus, NewFeed } from "@xianfeng/api/contract/agenda"
import { api } from "../../api/client"

/** The agenda endpoints (`/api/agenda*`); pages call them through TanStack Query. */
export const agendaApi = {
  agenda: (days?: number) => api.get<AgendaView>("/agenda", { days }),
  feed: () => api.get<FeedStatus>("/agenda/feed"),
  makeFeed: () => api.post<NewFeed>("/agenda/feed"),
  revokeFeed: () => api.delete<{ revoked: boolean }>("/agenda/feed"),
}

export const agendaKeys = {
  agenda: (days: number | undefined) => ["agenda", days ?? 30] as const,
  feed: ["agenda", "feed"] as const,
}

/** The dashboard panel's read: the next 30 days (the panel and the dashboard's early start share it). */
export const upcomingQuery = () => ({
  queryKey: agendaKeys.agenda(undefined),
  queryFn: () => agendaApi.agenda(),
})
