import type { Importer } from "./engine.js"
import { developmentImporter, memberImporter } from "./members.js"
import { orgImporter } from "./orgs.js"

/**
 * Every kind of import, by kind. An area adds its importer here (one line), as it adds its routes to the
 * API's registry; the API, the admin wizard and the command line all list them from this table.
 */
export const importers: Readonly<Record<string, Importer<never, never>>> = {
  orgs: orgImporter as unknown as Importer<never, never>,
  members: memberImporter as unknown as Importer<never, never>,
  development: developmentImporter as unknown as Importer<never, never>,
}

export const importerOf = (kind: string): Importer | undefined =>
  Object.hasOwn(importers, kind) ? (importers[kind] as unknown as Importer) : undefined
