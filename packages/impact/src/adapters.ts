import type { ImpactAdapter } from "./adapter.js"
import { careImpact } from "./care.js"
import { developmentImpact } from "./development.js"
import { disciplineImpact } from "./discipline.js"
import { educationImpact } from "./education.js"

/**
 * Every area whose rule changes can be reported, by `area`. A new area's package plugs in with one line
 * here (its adapter) — `pnpm impact --area <area>` and the API then know it.
 */
// biome-ignore lint/suspicious/noExplicitAny: each adapter has its own version and case types
export const impactAdapters: Readonly<Record<string, ImpactAdapter<any, any>>> = {
  development: developmentImpact,
  discipline: disciplineImpact,
  care: careImpact,
  education: educationImpact,
}
