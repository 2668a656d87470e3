import { countRefusal, type RefusalKind } from "@xianfeng/db"
import type { Context } from "hono"
import { audit } from "./audit.js"
import type { Actor } from "./auth/actor.js"
import type { Deps } from "./deps.js"
import { clientAddress } from "./http/client-address.js"

/**
 * How many refusals of one kind, by one user or address, become audit rows in one minute. The rest are
 * counted (the security administrator sees the counts) but write nothing, so a flood cannot fill the log.
 */
export const AUDITED_REFUSALS_PER_MINUTE = 10

/** Who was refused: the signed-in user, or the one whose session a CSRF refusal stopped short. */
export const refusedActorOf = (c: Context): Pick<Actor, "userId" | "role"> | undefined =>
  (c.get("actor") ?? c.get("refusedActor")) as Pick<Actor, "userId" | "role"> | undefined

/**
 * Records a refused request: counts it, and while the minute's count is within the limit writes an audit row
 * (`refusal.<kind>`, result `refused`) naming the method, the path and who asked. The row that reaches the
 * limit says so (`suppressing: true`). With `audited: false` it only counts (a failed sign-in writes its own
 * row). Never throws: a refusal is answered even when it cannot be recorded.
 */
export const recordRefusal = async (
  deps: Deps,
  c: Context,
  kind: RefusalKind,
  actor: Pick<Actor, "userId" | "role"> | undefined,
  options: { audited?: boolean; details?: Record<string, unknown> } = {},
): Promise<void> => {
  const ip = clientAddress(c)
  try {
    const n = await countRefusal(deps.db, kind, actor ? { userId: actor.userId } : { ip }, deps.now())
    if (options.audited === false || n > AUDITED_REFUSALS_PER_MINUTE) return
    await deps.db.transaction((tx) =>
      audit(tx, deps, actor, {
        action: `refusal.${kind}`,
        result: "refused",
        details: {
          method: c.req.method,
          path: new URL(c.req.url).pathname,
          ip,
          inMinute: n,
          ...(n === AUDITED_REFUSALS_PER_MINUTE ? { suppressing: true } : {}),
          ...options.details,
        },
      }),
    )
  } catch (e) {
    console.error("could not record a refusal", e)
  }
}
