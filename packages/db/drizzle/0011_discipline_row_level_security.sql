-- Row-level security for the discipline tables of 0010 (the same rules as 0004 and 0008: a row belongs to its
-- own organization, or to the organization of its member; unscoped system work passes). Found missing by
-- packages/db/test/rls-coverage.test.ts, which every table with org_id or member_id must pass.
ALTER TABLE "discipline_draws" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_draws_scope" ON "discipline_draws"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_findings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_findings_scope" ON "discipline_findings"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_meetings_scope" ON "discipline_meetings"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_orders_scope" ON "discipline_orders"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_records_scope" ON "discipline_records"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_attendance" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_attendance_scope" ON "discipline_attendance" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "discipline_attendance"."member_id" AND xf_org_in_scope(m.org_id)
  )
);
