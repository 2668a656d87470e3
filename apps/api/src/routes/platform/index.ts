import type { AnyRoute } from "../../http/route.js"
import { auditRoutes } from "./audit-log.js"
import { authRoutes } from "./auth.js"
import { committeeRoutes } from "./committee.js"
import { health } from "./health.js"
import { memberRoutes } from "./members.js"
import { mfaRoutes } from "./mfa.js"
import { orgRoutes } from "./orgs.js"
import { securityRoutes } from "./security.js"
import { userRoutes } from "./users.js"

/** The platform: sign-in, the org tree, members and users. Areas add their own folders beside it. */
export const platformRoutes: readonly AnyRoute[] = [
  health,
  ...authRoutes,
  ...mfaRoutes,
  ...orgRoutes,
  ...committeeRoutes,
  ...memberRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...securityRoutes,
]
