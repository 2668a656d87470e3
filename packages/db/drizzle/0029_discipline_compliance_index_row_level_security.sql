-- Row-level security for the monthly compliance index's stored answers (the same rule as 0004 and 0014: a row
-- belongs to its own organization; unscoped system work passes).
ALTER TABLE "discipline_compliance_index" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_compliance_index_scope" ON "discipline_compliance_index"
  USING (xf_system() OR xf_org_in_scope("org_id"));
