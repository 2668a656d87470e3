import type { AnyRoute } from "./http/route.js"
import { developmentRoutes } from "./routes/development/index.js"
import { disciplineRoutes } from "./routes/discipline/index.js"
import { platformRoutes } from "./routes/platform/index.js"
import { transferRoutes } from "./routes/transfer/index.js"

/**
 * Every area's routes, registered once. A new area adds its folder under routes/ and one line here;
 * validation, OpenAPI and problem+json come with the route definitions.
 */
export const allRoutes: readonly AnyRoute[] = [
  ...platformRoutes,
  ...developmentRoutes,
  ...disciplineRoutes,
  ...transferRoutes,
]
