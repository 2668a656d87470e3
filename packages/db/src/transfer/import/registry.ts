import { careLedgerImporter, duesPaymentImporter } from "../../care/import.js"
import { meetingImporter } from "../../discipline/import.js"
import { classAttendanceImporter } from "../../education/import.js"
import { onlineLearningImporter } from "../../education/online-import.js"
import type { Importer } from "./engine.js"
import { developmentImporter, memberImporter } from "./members.js"
import { orgImporter } from "./orgs.js"

const erased = <V, C>(i: Importer<V, C>) => i as unknown as Importer<never, never>

/**
 * Every kind of import, by kind. An area adds its importer here (one line), as it adds its routes to the
 * API's registry; the API, the admin wizard and the command line all list them from this table.
 */
export const importers: Readonly<Record<string, Importer<never, never>>> = {
  orgs: erased(orgImporter),
  members: erased(memberImporter),
  development: erased(developmentImporter),
  meetings: erased(meetingImporter),
  "class-attendance": erased(classAttendanceImporter),
  "online-learning": erased(onlineLearningImporter),
  "care-ledger": erased(careLedgerImporter),
  dues: erased(duesPaymentImporter),
}

export const importerOf = (kind: string): Importer | undefined =>
  Object.hasOwn(importers, kind) ? (importers[kind] as unknown as Importer) : undefined
