-- The stored dues collections (care_dues_collections, 党费收缴 per organization and month) and the organizations'
-- dues stamps they are checked against (care_dues_org_stamps). The trigger function of `care_dues_stamps_triggers`
-- (the same triggers on care_dues_assessments, care_dues_payments, care_dues_reductions and members) now bumps, in
-- the same statement as the members' stamps, the stamp of each organization those members belong to — for a
-- member whose organization, stage or status changed, of both the organization left and the one joined — so the
-- collection of an organization is stale exactly when one of its members' dues or place on the roll changed.
-- Organizations are bumped in key order, so two writers that touch the same organizations queue instead of
-- deadlocking. Nothing to backfill: a missing stamp reads as 0 and a missing stored row is computed by the first
-- read that needs it.
ALTER TABLE "care_dues_org_stamps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_org_stamps_scope" ON "care_dues_org_stamps"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "care_dues_collections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_collections_scope" ON "care_dues_collections"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
CREATE OR REPLACE FUNCTION "xf_care_dues_bump"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'members' THEN
    INSERT INTO care_dues_stamps AS s (member_id)
      SELECT n.id FROM xf_new_rows n JOIN xf_old_rows o ON o.id = n.id
        WHERE (n.org_id, n.stage, n.status, n.admitted_on, n.full_member_on)
          IS DISTINCT FROM (o.org_id, o.stage, o.status, o.admitted_on, o.full_member_on)
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
    -- The roll of a collection is the organization's full and probationary members of status normal.
    INSERT INTO care_dues_org_stamps AS s (org_id)
      SELECT DISTINCT x.org_id FROM xf_new_rows n JOIN xf_old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.org_id), (o.org_id)) x (org_id)
        WHERE (n.org_id, n.stage, n.status) IS DISTINCT FROM (o.org_id, o.stage, o.status)
        ORDER BY x.org_id
      ON CONFLICT (org_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSIF TG_OP = 'INSERT' THEN
    WITH bumped AS (
      INSERT INTO care_dues_stamps AS s (member_id)
        SELECT DISTINCT member_id FROM xf_new_rows
        ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1
        RETURNING s.member_id
    )
    INSERT INTO care_dues_org_stamps AS s (org_id)
      SELECT DISTINCT m.org_id FROM bumped b JOIN members m ON m.id = b.member_id ORDER BY m.org_id
      ON CONFLICT (org_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH bumped AS (
      INSERT INTO care_dues_stamps AS s (member_id)
        SELECT member_id FROM xf_new_rows UNION SELECT member_id FROM xf_old_rows
        ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1
        RETURNING s.member_id
    )
    INSERT INTO care_dues_org_stamps AS s (org_id)
      SELECT DISTINCT m.org_id FROM bumped b JOIN members m ON m.id = b.member_id ORDER BY m.org_id
      ON CONFLICT (org_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSE
    WITH bumped AS (
      INSERT INTO care_dues_stamps AS s (member_id)
        SELECT DISTINCT member_id FROM xf_old_rows
        ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1
        RETURNING s.member_id
    )
    INSERT INTO care_dues_org_stamps AS s (org_id)
      SELECT DISTINCT m.org_id FROM bumped b JOIN members m ON m.id = b.member_id ORDER BY m.org_id
      ON CONFLICT (org_id) DO UPDATE SET stamp = s.stamp + 1;
  END IF;
  RETURN NULL;
END $$;
