-- Row-level security for the transfer tables (0011). An import mapping belongs to its district's
-- organization; unscoped system work passes. data_migrations and calendar_years hold no scoped data.
ALTER TABLE "import_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "import_mappings_scope" ON "import_mappings"
  USING (xf_system() OR xf_org_in_scope("org_id"));
