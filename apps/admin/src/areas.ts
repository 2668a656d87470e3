import agenda from "./pages/agenda"
import appraisal from "./pages/appraisal"
import care from "./pages/care"
import development from "./pages/development"
import discipline from "./pages/discipline"
import education from "./pages/education"
import members from "./pages/members"
import organization from "./pages/organization"
import transfer from "./pages/transfer"
import users from "./pages/users"
import type { Area } from "./shell/area"

/**
 * Every area of the admin, registered once. Adding an area (development, discipline, education,
 * care, …) means a `pages/<area>/index.ts` and one line here: its routes, menu entries and dashboard
 * panels are picked up by the router, the side menu and the dashboard.
 */
export const areas: readonly Area[] = [
  organization,
  development,
  members,
  users,
  discipline,
  care,
  education,
  appraisal,
  transfer,
  agenda,
]
