-- Row-level security for the development tables that came after 0004 (the same rules: a row belongs to the
-- organization of its member, or to its own organization; unscoped system work passes).
ALTER TABLE "development_activist_pool_analyses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "development_activist_pool_analyses_scope" ON "development_activist_pool_analyses"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "development_cultivation_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "development_cultivation_records_scope" ON "development_cultivation_records" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "development_cultivation_records"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "development_pipeline_index" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "development_pipeline_index_scope" ON "development_pipeline_index" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "development_pipeline_index"."member_id" AND xf_org_in_scope(m.org_id)
  )
);
