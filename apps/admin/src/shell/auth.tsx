import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query"
import { useCallback, useEffect } from "react"
import { onUnauthorized, setCsrfToken } from "../api/client"
import { endpoints } from "../api/endpoints"
import { ProblemError } from "../api/problem"
import type { Session } from "../api/types"

const SESSION = ["session"] as const

// Set when a request was refused because the session ended, so the login page can say why it is shown.
let sessionExpired = false
/** True once after the session expired under the user's feet. */
export const consumeSessionExpired = (): boolean => {
  const was = sessionExpired
  sessionExpired = false
  return was
}

const loadSession = async (): Promise<Session | null> => {
  try {
    const s = await endpoints.session()
    setCsrfToken(s?.csrfToken)
    return s
  } catch (e) {
    if (e instanceof ProblemError && e.status === 401) {
      setCsrfToken(undefined)
      return null
    }
    throw e
  }
}

const sessionQuery = { queryKey: SESSION, queryFn: loadSession, staleTime: Number.POSITIVE_INFINITY }

/**
 * Asks `/auth/session` as soon as the admin's own code runs, instead of once the signed-in frame's code has
 * loaded: `useSession` then finds the answer, or the request in flight (asked once; a known answer is not asked
 * again). Resolves to the signed-in user, `null` when nobody is signed in, or `undefined` when the question
 * failed (the frame's own `useSession` then shows the error).
 */
export const startSession = (queryClient: QueryClient): Promise<Session | null | undefined> =>
  queryClient.fetchQuery(sessionQuery).catch(() => undefined)

/** The signed-in user; `undefined` while /auth/session is answering, `null` when nobody is signed in. */
export const useSession = () => {
  const queryClient = useQueryClient()
  const query = useQuery(sessionQuery)

  // Any 401 from a data request means the cookie is gone: drop everything cached for the old user.
  useEffect(
    () =>
      onUnauthorized(() => {
        if (queryClient.getQueryData(SESSION)) sessionExpired = true
        setCsrfToken(undefined)
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION[0] })
        queryClient.setQueryData(SESSION, null)
      }),
    [queryClient],
  )

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await endpoints.login(username, password)
      setCsrfToken(s.csrfToken)
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION[0] })
      queryClient.setQueryData(SESSION, s)
      return s
    },
    [queryClient],
  )

  /** The second step, when the password was answered 401 `mfa-required` with a challenge. */
  const verifyMfa = useCallback(
    async (challenge: string, code: string) => {
      const s = await endpoints.verifyMfa(challenge, code)
      setCsrfToken(s.csrfToken)
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION[0] })
      queryClient.setQueryData(SESSION, s)
      return s
    },
    [queryClient],
  )

  const logout = useCallback(async () => {
    try {
      await endpoints.logout()
    } finally {
      setCsrfToken(undefined)
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION[0] })
      queryClient.setQueryData(SESSION, null)
    }
  }, [queryClient])

  return { session: query.data, error: query.error, refetch: query.refetch, login, verifyMfa, logout }
}
