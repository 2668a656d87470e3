-- The care visit tables' policies read the scope's organizations as a set (issue 18). A festival plan names
-- every person to visit across the district (a province's plan: 139,665 targets, 70,003 visits), and a branch's or
-- committee's read of its part (the dashboard, the plans' progress, a plan's detail) found the plan's rows through
-- its index and then checked each row's organization with xf_org_in_scope, a function PostgreSQL cannot inline,
-- about 7-13 µs a row: a branch secretary's care dashboard took 1.9 s (38 ms as the owner), a plan's detail 4.2 s.
-- `org_id IN (the scope's organizations)` is planned with the query: the in-scope organizations are hashed once
-- per statement (through the path index and orgs' own inlined policy) and each row is a hash probe, or, for a read
-- of a few rows, a look-up by key. Measured at the province as xianfeng_app: the secretary's dashboard 1.9 s →
-- 85 ms, a committee officer's 2.3 s → 0.42 s, the plan's detail 4.2 s → 0.15 s and 4.6 s → 0.55 s.
--
-- Only these two tables: the same form on `members` and the tables that reach their scope through a member made
-- the planner choose other plans for the development pipeline's reads (the pipeline page of a committee 164 →
-- 296-358 ms, of the district 189 → 374-399 ms, the agenda 98 → 262-271 ms), so they keep xf_org_in_scope. The
-- whole-database mark (0079) still lets a district root through first.
ALTER POLICY "care_visit_targets_scope" ON "care_visit_targets" USING (
  xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))
);--> statement-breakpoint
ALTER POLICY "care_visits_scope" ON "care_visits" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "care_visit_targets" t
     WHERE t.id = "care_visits"."target_id"
       AND t.org_id IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))
  )
);
