-- Every policy's first term, xf_system() (system work, or a scope holding the whole database: 0079), is asked once a
-- statement instead of once a row: `(SELECT xf_system())` is an InitPlan whose answer every row's test reads. As a
-- plain call the planner inlined it into two current_setting() look-ups per row; at the 1,000,000-member province the
-- district admin's count of a table's rows as xianfeng_app took 200-280 ms for 906,311 enrolments against 41 ms
-- with the term asked once (the owner's plain count: 94 ms). The rest of each policy is unchanged; written out from
-- pg_policies of a database at 0084, with xf_system() replaced.
ALTER POLICY appraisal_activations_scope ON appraisal_activations USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY appraisal_cycles_scope ON appraisal_cycles USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY appraisal_participants_scope ON appraisal_participants USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM appraisal_cycles c
  WHERE ((c.id = appraisal_participants.cycle_id) AND xf_org_in_scope(c.org_id))))));--> statement-breakpoint
ALTER POLICY appraisal_peer_ratings_scope ON appraisal_peer_ratings USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM appraisal_cycles c
  WHERE ((c.id = appraisal_peer_ratings.cycle_id) AND xf_org_in_scope(c.org_id))))));--> statement-breakpoint
ALTER POLICY appraisal_secretary_reviews_scope ON appraisal_secretary_reviews USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY appraisal_unqualified_cases_scope ON appraisal_unqualified_cases USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = appraisal_unqualified_cases.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY care_commendation_campaigns_scope ON care_commendation_campaigns USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path))) OR (EXISTS ( SELECT 1
   FROM care_commendation_quotas q
  WHERE ((q.campaign_id = care_commendation_campaigns.id) AND xf_org_in_scope(q.org_id))))));--> statement-breakpoint
ALTER POLICY care_commendation_quotas_scope ON care_commendation_quotas USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_dues_arrears_scope ON care_dues_arrears USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_dues_assessments_scope ON care_dues_assessments USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = care_dues_assessments.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY care_dues_collections_scope ON care_dues_collections USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_dues_org_stamps_scope ON care_dues_org_stamps USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_dues_payments_scope ON care_dues_payments USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = care_dues_payments.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY care_dues_reductions_scope ON care_dues_reductions USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = care_dues_reductions.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY care_dues_stamps_scope ON care_dues_stamps USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = care_dues_stamps.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY care_dues_standings_scope ON care_dues_standings USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = care_dues_standings.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY care_dues_subtree_collections_scope ON care_dues_subtree_collections USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_ledger_events_scope ON care_ledger_events USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_medal_awards_scope ON care_medal_awards USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = care_medal_awards.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY care_nominations_scope ON care_nominations USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_survey_branches_scope ON care_survey_branches USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_surveys_scope ON care_surveys USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path))) OR (EXISTS ( SELECT 1
   FROM care_survey_branches b
  WHERE ((b.survey_id = care_surveys.id) AND xf_org_in_scope(b.org_id))))));--> statement-breakpoint
ALTER POLICY care_visit_plans_scope ON care_visit_plans USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path))) OR (EXISTS ( SELECT 1
   FROM care_visit_targets t
  WHERE ((t.plan_id = care_visit_plans.id) AND xf_org_in_scope(t.org_id))))));--> statement-breakpoint
ALTER POLICY care_visit_targets_scope ON care_visit_targets USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY care_visits_scope ON care_visits USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM care_visit_targets t
  WHERE ((t.id = care_visits.target_id) AND (t.org_id IN ( SELECT o.id
           FROM orgs o
          WHERE xf_path_in_scope(o.path))))))));--> statement-breakpoint
ALTER POLICY development_activist_pool_analyses_scope ON development_activist_pool_analyses USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY development_cultivation_records_scope ON development_cultivation_records USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = development_cultivation_records.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY development_pipeline_index_scope ON development_pipeline_index USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = development_pipeline_index.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY development_pipeline_items_scope ON development_pipeline_items USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = development_pipeline_items.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY development_plans_scope ON development_plans USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY development_records_scope ON development_records USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = development_records.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY development_trainings_scope ON development_trainings USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = development_trainings.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY discipline_attendance_scope ON discipline_attendance USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM discipline_meetings m
  WHERE ((m.id = discipline_attendance.meeting_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY discipline_basis_stamps_scope ON discipline_basis_stamps USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_calendar_index_scope ON discipline_calendar_index USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_calendar_items_scope ON discipline_calendar_items USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_compliance_index_scope ON discipline_compliance_index USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_draws_scope ON discipline_draws USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_findings_scope ON discipline_findings USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_meetings_scope ON discipline_meetings USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_orders_scope ON discipline_orders USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY discipline_talks_scope ON discipline_talks USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY district_policies_delete ON district_policies USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY district_policies_insert ON district_policies WITH CHECK (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY district_policies_read ON district_policies USING (((SELECT xf_system()) OR (org_id = split_part(current_setting('xianfeng.scope_path'::text, true), '.'::text, 1)) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY district_policies_update ON district_policies USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY education_attendance_scope ON education_attendance USING (((SELECT xf_system()) OR (session_id IN ( SELECT s.id
   FROM (education_sessions s
     JOIN education_classes c ON ((c.id = s.class_id)))
  WHERE (c.org_id IN ( SELECT o.id
           FROM orgs o
          WHERE xf_path_in_scope(o.path))))) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = education_attendance.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY education_classes_delete ON education_classes USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY education_classes_insert ON education_classes WITH CHECK (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY education_classes_read ON education_classes USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path))) OR (id IN ( SELECT xf_classes_enrolling_in_scope() AS xf_classes_enrolling_in_scope))));--> statement-breakpoint
ALTER POLICY education_classes_update ON education_classes USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path))))) WITH CHECK (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY education_enrolments_delete ON education_enrolments USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM education_classes c
  WHERE ((c.id = education_enrolments.class_id) AND xf_org_in_scope(c.org_id))))));--> statement-breakpoint
ALTER POLICY education_enrolments_read ON education_enrolments USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path))) OR (EXISTS ( SELECT 1
   FROM education_classes c
  WHERE ((c.id = education_enrolments.class_id) AND (c.org_id IN ( SELECT o.id
           FROM orgs o
          WHERE xf_path_in_scope(o.path))))))));--> statement-breakpoint
ALTER POLICY education_enrolments_write ON education_enrolments WITH CHECK (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM education_classes c
  WHERE ((c.id = education_enrolments.class_id) AND xf_org_in_scope(c.org_id))))));--> statement-breakpoint
ALTER POLICY education_exemptions_scope ON education_exemptions USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = education_exemptions.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY education_online_scope ON education_online USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = education_online.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY education_roles_scope ON education_roles USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = education_roles.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY education_sessions_delete ON education_sessions USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM education_classes c
  WHERE ((c.id = education_sessions.class_id) AND xf_org_in_scope(c.org_id))))));--> statement-breakpoint
ALTER POLICY education_sessions_insert ON education_sessions WITH CHECK (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM education_classes c
  WHERE ((c.id = education_sessions.class_id) AND xf_org_in_scope(c.org_id))))));--> statement-breakpoint
ALTER POLICY education_sessions_read ON education_sessions USING (((SELECT xf_system()) OR xf_class_visible(class_id)));--> statement-breakpoint
ALTER POLICY education_sessions_update ON education_sessions USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM education_classes c
  WHERE ((c.id = education_sessions.class_id) AND xf_org_in_scope(c.org_id))))));--> statement-breakpoint
ALTER POLICY education_study_index_scope ON education_study_index USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = education_study_index.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY education_study_stamps_scope ON education_study_stamps USING (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM members m
  WHERE ((m.id = education_study_stamps.member_id) AND xf_org_in_scope(m.org_id))))));--> statement-breakpoint
ALTER POLICY forum_attachments_write ON forum_attachments WITH CHECK (((SELECT xf_system()) OR (EXISTS ( SELECT 1
   FROM forum_posts p
  WHERE ((p.id = forum_attachments.post_id) AND xf_org_in_scope(p.org_id))))));--> statement-breakpoint
ALTER POLICY forum_posts_moderate ON forum_posts USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY forum_posts_write ON forum_posts WITH CHECK (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY import_mappings_scope ON import_mappings USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY member_org_counts_scope ON member_org_counts USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));--> statement-breakpoint
ALTER POLICY members_scope ON members USING (((SELECT xf_system()) OR xf_org_in_scope(org_id)));--> statement-breakpoint
ALTER POLICY orgs_scope ON orgs USING (((SELECT xf_system()) OR xf_path_in_scope(path)));--> statement-breakpoint
ALTER POLICY users_scope ON users USING (((SELECT xf_system()) OR (org_id IN ( SELECT o.id
   FROM orgs o
  WHERE xf_path_in_scope(o.path)))));
