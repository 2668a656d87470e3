-- Row-level security for the care tables (the rules of 0004 and 0008): a row belongs to the organization it names,
-- or to its member's organization, or to the plan, survey or campaign it hangs from; unscoped system work passes.
ALTER TABLE "care_dues_assessments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_assessments_scope" ON "care_dues_assessments" USING (
  xf_system() OR EXISTS (SELECT 1 FROM "members" m WHERE m.id = "care_dues_assessments"."member_id" AND xf_org_in_scope(m.org_id))
);--> statement-breakpoint
ALTER TABLE "care_dues_reductions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_reductions_scope" ON "care_dues_reductions" USING (
  xf_system() OR EXISTS (SELECT 1 FROM "members" m WHERE m.id = "care_dues_reductions"."member_id" AND xf_org_in_scope(m.org_id))
);--> statement-breakpoint
ALTER TABLE "care_dues_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_payments_scope" ON "care_dues_payments" USING (
  xf_system() OR EXISTS (SELECT 1 FROM "members" m WHERE m.id = "care_dues_payments"."member_id" AND xf_org_in_scope(m.org_id))
);--> statement-breakpoint
ALTER TABLE "care_medal_awards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_medal_awards_scope" ON "care_medal_awards" USING (
  xf_system() OR EXISTS (SELECT 1 FROM "members" m WHERE m.id = "care_medal_awards"."member_id" AND xf_org_in_scope(m.org_id))
);--> statement-breakpoint
ALTER TABLE "care_ledger_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_ledger_events_scope" ON "care_ledger_events"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "care_surveys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_surveys_scope" ON "care_surveys" USING (
  xf_system() OR xf_org_in_scope("org_id")
  OR EXISTS (SELECT 1 FROM "care_survey_branches" b WHERE b.survey_id = "care_surveys"."id" AND xf_org_in_scope(b.org_id))
);--> statement-breakpoint
ALTER TABLE "care_survey_branches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_survey_branches_scope" ON "care_survey_branches"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "care_visit_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_visit_plans_scope" ON "care_visit_plans" USING (
  xf_system() OR xf_org_in_scope("org_id")
  OR EXISTS (SELECT 1 FROM "care_visit_targets" t WHERE t.plan_id = "care_visit_plans"."id" AND xf_org_in_scope(t.org_id))
);--> statement-breakpoint
ALTER TABLE "care_visit_targets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_visit_targets_scope" ON "care_visit_targets"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "care_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_visits_scope" ON "care_visits" USING (
  xf_system() OR EXISTS (SELECT 1 FROM "care_visit_targets" t WHERE t.id = "care_visits"."target_id" AND xf_org_in_scope(t.org_id))
);--> statement-breakpoint
ALTER TABLE "care_commendation_campaigns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_commendation_campaigns_scope" ON "care_commendation_campaigns" USING (
  xf_system() OR xf_org_in_scope("org_id")
  OR EXISTS (SELECT 1 FROM "care_commendation_quotas" q WHERE q.campaign_id = "care_commendation_campaigns"."id" AND xf_org_in_scope(q.org_id))
);--> statement-breakpoint
ALTER TABLE "care_commendation_quotas" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_commendation_quotas_scope" ON "care_commendation_quotas"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "care_nominations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_nominations_scope" ON "care_nominations"
  USING (xf_system() OR xf_org_in_scope("org_id"));
--> statement-breakpoint
-- The ledger is its events: they are appended, never rewritten.
REVOKE UPDATE, DELETE ON "care_ledger_events" FROM xianfeng_app;
