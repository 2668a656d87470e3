-- Every policy on a table's own org_id reads the scope's organizations as a set, as the care visit tables' do
-- (0080; issue 18): `org_id IN (SELECT … FROM orgs WHERE xf_path_in_scope(path))` is planned with the query — the
-- in-scope organizations hashed once a statement, or a look-up by key for a read of a few rows — instead of a
-- call of xf_org_in_scope (not inlinable, 7-13 µs) per scanned row. Measured at the 1,000,000-member province as
-- xianfeng_app, the committee officer (d1.c01, 2,181 organizations), medians of 3-5 reads, side by side:
-- the member list 81 → 43 ms, the stage counts 71 → 40, the pipeline page 189 → 155, the year's compliance
-- 256 → 220, the discipline overview 214 → 197, the care dashboard 507 → 376, the agenda 116 → 98; a branch
-- secretary's and the district admin's (the whole-database mark, 0079) unchanged within noise.
--
-- Not `members`: the same form there (and on the tables reached through a member) made the planner choose other
-- plans for the development pipeline's reads (the pipeline page of the committee 164 → 296-358 ms, of the district
-- 189 → 374-399 ms). The policies' other terms (a quota's, a survey branch's, a visit target's organization; the
-- district's own settings; a class enrolling the scope's members) are unchanged.
ALTER POLICY appraisal_activations_scope ON appraisal_activations USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY appraisal_cycles_scope ON appraisal_cycles USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY appraisal_secretary_reviews_scope ON appraisal_secretary_reviews USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_commendation_campaigns_scope ON care_commendation_campaigns USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)) OR (EXISTS ( SELECT 1
   FROM care_commendation_quotas q
  WHERE ((q.campaign_id = care_commendation_campaigns.id) AND xf_org_in_scope(q.org_id))))));--> statement-breakpoint
ALTER POLICY care_commendation_quotas_scope ON care_commendation_quotas USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_dues_arrears_scope ON care_dues_arrears USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_dues_collections_scope ON care_dues_collections USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_dues_org_stamps_scope ON care_dues_org_stamps USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_dues_subtree_collections_scope ON care_dues_subtree_collections USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_ledger_events_scope ON care_ledger_events USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_nominations_scope ON care_nominations USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_survey_branches_scope ON care_survey_branches USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY care_surveys_scope ON care_surveys USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)) OR (EXISTS ( SELECT 1
   FROM care_survey_branches b
  WHERE ((b.survey_id = care_surveys.id) AND xf_org_in_scope(b.org_id))))));--> statement-breakpoint
ALTER POLICY care_visit_plans_scope ON care_visit_plans USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)) OR (EXISTS ( SELECT 1
   FROM care_visit_targets t
  WHERE ((t.plan_id = care_visit_plans.id) AND xf_org_in_scope(t.org_id))))));--> statement-breakpoint
ALTER POLICY development_activist_pool_analyses_scope ON development_activist_pool_analyses USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY development_plans_scope ON development_plans USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_basis_stamps_scope ON discipline_basis_stamps USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_calendar_index_scope ON discipline_calendar_index USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_calendar_items_scope ON discipline_calendar_items USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_compliance_index_scope ON discipline_compliance_index USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_draws_scope ON discipline_draws USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_findings_scope ON discipline_findings USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_meetings_scope ON discipline_meetings USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_orders_scope ON discipline_orders USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY discipline_talks_scope ON discipline_talks USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY district_policies_delete ON district_policies USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY district_policies_insert ON district_policies WITH CHECK ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY district_policies_read ON district_policies USING ((xf_system() OR (org_id = split_part(current_setting('xianfeng.scope_path'::text, true), '.'::text, 1)) OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY district_policies_update ON district_policies USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY education_classes_delete ON education_classes USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY education_classes_insert ON education_classes WITH CHECK ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY education_classes_read ON education_classes USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)) OR xf_class_enrols_in_scope(id)));--> statement-breakpoint
ALTER POLICY education_classes_update ON education_classes USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)))) WITH CHECK ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY forum_posts_moderate ON forum_posts USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY forum_posts_write ON forum_posts WITH CHECK ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY import_mappings_scope ON import_mappings USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY member_org_counts_scope ON member_org_counts USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));--> statement-breakpoint
ALTER POLICY users_scope ON users USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))));
