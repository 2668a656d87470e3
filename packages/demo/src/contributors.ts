import { appraisalContributor } from "./appraisal/index.js"
import { careContributor } from "./care/index.js"
import type { DemoContributor } from "./contributor.js"
import { developmentContributor } from "./development/index.js"
import { disciplineContributor } from "./discipline/index.js"
import { educationContributor } from "./education/index.js"
import { platformContributor } from "./platform/index.js"

/** The areas of the demo district, in the order their rows are written (the platform's members first). */
export const contributors: readonly DemoContributor[] = [
  platformContributor,
  developmentContributor,
  disciplineContributor,
  careContributor,
  educationContributor,
  appraisalContributor,
]
