-- The agenda's due items (discipline_calendar_items, development_pipeline_items): row-level security as their
-- neighbours' (a calendar item belongs to its own organization, a pipeline step to the organization of its
-- member; unscoped system work passes), and the rows an existing database already holds, unpacked from the
-- stored jsonb in one set-based statement each (a province: about 32,000 calendars and the pipeline's people).
-- Written as `saveCalendarIndex` and `savePipelineIndex` write them: ordinal 0 for the first item.
ALTER TABLE "discipline_calendar_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_calendar_items_scope" ON "discipline_calendar_items"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "development_pipeline_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "development_pipeline_items_scope" ON "development_pipeline_items" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "development_pipeline_items"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
INSERT INTO "discipline_calendar_items"
  ("org_id", "ordinal", "obligation", "period", "period_start", "period_end", "status", "due_by", "citations")
SELECT c."org_id", (it.n - 1)::int, it.v->>'obligation', it.v->>'period', (it.v->>'periodStart')::date,
  (it.v->>'periodEnd')::date, it.v->>'status', (it.v->>'dueBy')::date, coalesce(it.v->'citations', '[]'::jsonb)
FROM "discipline_calendar_index" AS c
CROSS JOIN LATERAL jsonb_array_elements(c."items") WITH ORDINALITY AS it(v, n);--> statement-breakpoint
INSERT INTO "development_pipeline_items" ("member_id", "ordinal", "step", "state", "due_by")
SELECT i."member_id", (it.n - 1)::int, it.v->>'step', it.v->>'state', (it.v->>'dueBy')::date
FROM "development_pipeline_index" AS i
CROSS JOIN LATERAL jsonb_array_elements(i."items") WITH ORDINALITY AS it(v, n);--> statement-breakpoint
ANALYZE "discipline_calendar_items";--> statement-breakpoint
ANALYZE "development_pipeline_items";
