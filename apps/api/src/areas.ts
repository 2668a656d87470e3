import type { AgendaSource } from "./http/agenda-kit.js"
import type { AnyRoute } from "./http/route.js"
import { agendaRoutes } from "./routes/agenda/index.js"
import { appraisalAgenda } from "./routes/appraisal/agenda.js"
import { appraisalRoutes } from "./routes/appraisal/index.js"
import { careAgenda } from "./routes/care/agenda.js"
import { careRoutes } from "./routes/care/index.js"
import { developmentAgenda } from "./routes/development/agenda.js"
import { developmentRoutes } from "./routes/development/index.js"
import { disciplineAgenda } from "./routes/discipline/agenda.js"
import { disciplineRoutes } from "./routes/discipline/index.js"
import { educationAgenda } from "./routes/education/agenda.js"
import { educationRoutes } from "./routes/education/index.js"
import { platformRoutes } from "./routes/platform/index.js"
import { transferRoutes } from "./routes/transfer/index.js"

/**
 * Every area's agenda source (日程), registered once: what the area has falling due, for the dashboard and
 * the iCalendar feed (`routes/agenda/`). A new area adds its `routes/<area>/agenda.ts` and one line here.
 */
export const agendaSources: readonly AgendaSource[] = [
  developmentAgenda,
  disciplineAgenda,
  careAgenda,
  educationAgenda,
  appraisalAgenda,
]

/**
 * Every area's routes, registered once. A new area adds its folder under routes/ and one line here;
 * validation, OpenAPI and problem+json come with the route definitions.
 */
export const allRoutes: readonly AnyRoute[] = [
  ...platformRoutes,
  ...developmentRoutes,
  ...disciplineRoutes,
  ...careRoutes,
  ...agendaRoutes(agendaSources),
  ...educationRoutes,
  ...appraisalRoutes,
  ...transferRoutes,
]
