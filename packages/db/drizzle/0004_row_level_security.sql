-- Row-level security: the second wall behind the scope condition every query carries (docs/security.md).
-- The API's queries run as xianfeng_app, which owns nothing and is no superuser, so these policies bind it;
-- migrations and the demo load run as the owner, whom they do not bind. Each scoped transaction sets
-- `xianfeng.scope_path` (withScope, set_config(…, true)); unscoped system work (sign-in lookups) sets
-- `xianfeng.system` = 'on' (asSystem). With neither, a scoped table shows no rows.
DO $$ BEGIN
  CREATE ROLE xianfeng_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO xianfeng_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO xianfeng_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO xianfeng_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO xianfeng_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO xianfeng_app;--> statement-breakpoint
-- Unlike the trigger of 0001, a revoked privilege cannot be switched off by the role it binds.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM xianfeng_app;--> statement-breakpoint
CREATE FUNCTION "xf_system"() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('xianfeng.system', true) = 'on', false)
$$;--> statement-breakpoint
-- The same range as pathInSubtree (org-tree.ts), so the text_pattern_ops path index still serves.
CREATE FUNCTION "xf_path_in_scope"(p text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT p = current_setting('xianfeng.scope_path', true)
    OR (p ~>=~ (current_setting('xianfeng.scope_path', true) || '.')
        AND p ~<~ (current_setting('xianfeng.scope_path', true) || '/'))
$$;--> statement-breakpoint
CREATE FUNCTION "xf_org_in_scope"(org text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "orgs" o WHERE o.id = org AND xf_path_in_scope(o.path))
$$;--> statement-breakpoint
ALTER TABLE "orgs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "orgs_scope" ON "orgs" USING (xf_system() OR xf_path_in_scope("path"));--> statement-breakpoint
ALTER TABLE "members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "members_scope" ON "members" USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "users_scope" ON "users" USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "development_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "development_records_scope" ON "development_records" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "development_records"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "development_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "development_plans_scope" ON "development_plans" USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
-- Every caller reads its own district's settings (keyed on the district, the root of its path); only a
-- caller whose subtree holds the district writes them.
ALTER TABLE "district_policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "district_policies_read" ON "district_policies" FOR SELECT USING (
  xf_system() OR "org_id" = split_part(current_setting('xianfeng.scope_path', true), '.', 1)
    OR xf_org_in_scope("org_id")
);--> statement-breakpoint
CREATE POLICY "district_policies_insert" ON "district_policies" FOR INSERT
  WITH CHECK (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
CREATE POLICY "district_policies_update" ON "district_policies" FOR UPDATE
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
CREATE POLICY "district_policies_delete" ON "district_policies" FOR DELETE
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
-- The log has no org of its own: who may read which rows is decided by the scoped join with users and orgs
-- (auditPageInScope); the policies only say the app role may read and append, never change.
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "audit_log_read" ON "audit_log" FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY "audit_log_append" ON "audit_log" FOR INSERT WITH CHECK (true);
