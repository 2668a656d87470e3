-- Row-level security for the compliance calendar's stored answers (the same rule as 0004 and 0008: a row belongs
-- to its own organization; unscoped system work passes).
ALTER TABLE "discipline_calendar_index" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_calendar_index_scope" ON "discipline_calendar_index"
  USING (xf_system() OR xf_org_in_scope("org_id"));
