-- Row-level security for the discipline (组织生活与督查) tables, the same rules as 0004 and 0008: a row belongs to
-- its own organization (a meeting, a draw's subtree root, a finding, an order, a talk) or to its meeting's
-- (attendance); unscoped system work passes. An order escalated to the level above stays visible there, since
-- that level's subtree holds the order's organization.
ALTER TABLE "discipline_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_meetings_scope" ON "discipline_meetings"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_attendance" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_attendance_scope" ON "discipline_attendance" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "discipline_meetings" m WHERE m.id = "discipline_attendance"."meeting_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "discipline_draws" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_draws_scope" ON "discipline_draws"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_findings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_findings_scope" ON "discipline_findings"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_orders_scope" ON "discipline_orders"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "discipline_talks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_talks_scope" ON "discipline_talks"
  USING (xf_system() OR xf_org_in_scope("org_id"));
