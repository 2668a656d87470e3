import { loadDevelopmentPolicy } from "@xianfeng/db"
import {
  cultivationEvidenceSchemas,
  cultivationRecordKinds,
  cultivationRecordLabels,
  DistrictStepEvidence,
  dr,
  evidenceSchemas,
  isStepId,
  local,
  stepDefinition,
  steps,
} from "@xianfeng/development-rules"
import { Schema } from "effect"
import { langOf } from "../../http/problem.js"
import { route } from "../../http/route.js"
import { StepDefinitions } from "./contract.js"
import { citationsOf, text } from "./render.js"

/** The JSON Schema of a step's evidence, from the very effect Schema the API validates with. */
const jsonSchemaOf = (schema: Schema.Top): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(schema as Schema.Codec<unknown, unknown>)
  const defs = doc.definitions as Record<string, unknown>
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...(doc.schema as Record<string, unknown>),
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  }
}

const evidenceJson = new Map(steps.map((s) => [s.id, jsonSchemaOf(evidenceSchemas[s.id])]))
const districtEvidenceJson = jsonSchemaOf(DistrictStepEvidence)
const cultivationJson = new Map(
  cultivationRecordKinds.map((k) => [k, jsonSchemaOf(cultivationEvidenceSchemas[k])]),
)
// Talks and activities rest on DR 10 (contacts, activities) and the district's cadence; reports on the cadence.
const cultivationCitations = {
  talk: [dr(10), local()],
  "thought-report": [local()],
  activity: [dr(10), local()],
}

export const stepDefinitions = route({
  method: "get",
  path: "/api/development/steps",
  summary: "The development steps with their articles and the JSON Schema of each step's evidence",
  description:
    "Includes the district's own steps (policy `extraSteps`); names and citations in the reader's language.",
  tag: "development",
  auth: "user",
  response: StepDefinitions,
  handler: async ({ actor, deps, c }) => {
    const lang = langOf(c)
    const { policy } = await loadDevelopmentPolicy(deps.db, actor.orgPath)
    const national = steps.map((s) => ({
      id: s.id,
      stage: s.stage,
      number: s.number ?? null,
      name: text(s.name, lang),
      actor: text(s.actor, lang),
      record: text(s.record, lang),
      optional: s.optional,
      recurring: s.recurring,
      citations: citationsOf(s.citations, lang),
      evidenceSchema: evidenceJson.get(s.id) ?? {},
    }))
    const district = policy.extraSteps.map((x) => ({
      id: x.id,
      stage: isStepId(x.after) ? stepDefinition(x.after).stage : 1,
      number: null,
      name: x.name[lang],
      actor: "",
      record: "",
      optional: false,
      recurring: false,
      citations: [],
      evidenceSchema: districtEvidenceJson,
    }))
    // A district step goes right after the step it follows.
    const items: (typeof StepDefinitions.Type)["items"][number][] = [...national]
    for (const d of district) {
      const after = policy.extraSteps.find((x) => x.id === d.id)?.after
      const at = items.findIndex((s) => s.id === after)
      items.splice(at < 0 ? items.length : at + 1, 0, d)
    }
    const cultivationKinds = cultivationRecordKinds.map((k) => ({
      kind: k,
      name: text(cultivationRecordLabels[k], lang),
      citations: citationsOf(cultivationCitations[k], lang),
      evidenceSchema: cultivationJson.get(k) ?? {},
    }))
    return { items, cultivationKinds }
  },
})
