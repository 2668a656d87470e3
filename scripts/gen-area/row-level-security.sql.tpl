-- Row-level security for the __area__ area's tables (docs/security.md, "Row-level security"): a row belongs to
-- its own organization; unscoped system work and a scope holding the whole database pass (xf_system(), 0079), so
-- the table's org_id (member_id for a table keyed by a member) must be NOT NULL (rls-coverage.test.ts checks it). Hand-written, so kept apart from the generated migration;
-- packages/db/test/rls-coverage.test.ts fails for any table with org_id or member_id that lacks this.
-- The scope's organizations are read as a set the planner hashes once a statement (0081), not a function per row,
-- and xf_system() is asked once a statement too, as `(SELECT xf_system())` (0085).
-- A table keyed by a member instead gets: USING ((SELECT xf_system()) OR EXISTS (SELECT 1 FROM "members" m
--   WHERE m.id = "<table>"."member_id" AND xf_org_in_scope(m.org_id))).
ALTER TABLE "__area_snake___records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "__area_snake___records_scope" ON "__area_snake___records"
  USING ((SELECT xf_system()) OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)));
