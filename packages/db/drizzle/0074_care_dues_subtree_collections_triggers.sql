-- The stored subtree sums of the dues collection (care_dues_subtree_collections, issue 18): a district's agenda summed
-- the stored collection of every organization of its subtree on every read (31,987 rows at a province, ~100 ms).
-- A subtree's sum is now stored with the snapshot of the statement that computed it, and holds while no dues stamp
-- of the subtree was written by a transaction that snapshot does not see. For that each stamp row carries the
-- transaction that last wrote it (care_dues_org_stamps.moved, indexed):
-- - a row trigger sets it on every insert and update of a stamp, whoever writes (xf_care_dues_bump among them);
-- - a subtree's organizations change only when one is moved (moveOrg rewrites the paths of the moved subtree): a
--   statement trigger on orgs touches the stamps of every organization whose path changed (found under its new
--   place) and of the parent each moved organization left (still under the subtrees it left), inserting a stamp
--   row at 0 — what a missing row reads as, so no organization's own stored collection goes stale — where there
--   was none. (Organizations with dues rows are never deleted: the stamps' and collections' keys refuse it.)
-- The statement trigger's function runs as its owner (SECURITY DEFINER), as the other stamps' triggers, and writes
-- only stamps. The subtree sums are scoped by their organization, as the organizations' own collections.
CREATE FUNCTION "xf_care_dues_org_stamp_moved"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.moved := pg_current_xact_id();
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "care_dues_org_stamps_moved" BEFORE INSERT OR UPDATE ON "care_dues_org_stamps"
  FOR EACH ROW EXECUTE FUNCTION "xf_care_dues_org_stamp_moved"();--> statement-breakpoint
CREATE FUNCTION "xf_care_dues_org_moved"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO care_dues_org_stamps AS s (org_id, stamp)
    SELECT x.org_id, 0 FROM (
      SELECT n.id AS org_id FROM xf_new n JOIN xf_old o ON o.id = n.id WHERE o.path IS DISTINCT FROM n.path
      UNION
      SELECT o.parent_id FROM xf_new n JOIN xf_old o ON o.id = n.id
        WHERE o.parent_id IS DISTINCT FROM n.parent_id AND o.parent_id IS NOT NULL
    ) x
    ORDER BY x.org_id
    ON CONFLICT (org_id) DO UPDATE SET moved = pg_current_xact_id();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "orgs_care_dues_moved_update" AFTER UPDATE ON "orgs"
  REFERENCING OLD TABLE AS xf_old NEW TABLE AS xf_new
  FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_org_moved"();--> statement-breakpoint
ALTER TABLE "care_dues_subtree_collections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_subtree_collections_scope" ON "care_dues_subtree_collections"
  USING (xf_system() OR xf_org_in_scope("org_id"));
