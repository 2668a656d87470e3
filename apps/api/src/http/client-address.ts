import { getConnInfo } from "@hono/node-server/conninfo"
import type { Context } from "hono"

/** The peer address (X-Forwarded-For is not trusted: a client could rotate it to dodge a limit). */
export const clientAddress = (c: Context): string => {
  try {
    return getConnInfo(c).remote.address ?? "unknown"
  } catch {
    return "unknown"
  }
}
