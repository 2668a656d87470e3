-- The stored member counts per organization, stage and status (issue 18; migrations `member_org_counts_status_clear`
-- and `member_org_counts_status` emptied the table and widened its key). The trigger function of custom migration
-- `member_org_counts_triggers` is replaced by one that counts by (org_id, stage, status); its four triggers stay
-- and call it. What it counts is as before, with the status in the key:
--   insert: +1 for each new row's (org_id, stage, status);
--   delete: -1 for each old row's;
--   update: +1 for each new row's and -1 for each old row's, summed, and only the keys whose sum is not 0 are
--     written — a move, a stage change or a status change (self-lapse, lost contact, back in normal standing)
--     changes two keys, any other update nothing;
--   truncate: every count goes.
-- Rows are upserted in key order, so writers that touch the same organizations queue instead of deadlocking.
-- The rows are then filled from the members, one set-based INSERT … SELECT … GROUP BY, in the same migration run
-- as the emptying (one transaction, which holds the lock CREATE OR REPLACE and the earlier ALTER took).
-- Readers: the member list's total (every status; `xf_member_page` sums the rows of the subtree for the stage,
-- unchanged), an organization's member count (every status) and the development pipeline's counts per stage
-- (status normal).
CREATE OR REPLACE FUNCTION "xf_member_org_counts_apply"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO member_org_counts AS c (org_id, stage, status, n)
      SELECT r.org_id, r.stage, r.status, count(*) FROM xf_new_rows r
        GROUP BY r.org_id, r.stage, r.status
        ORDER BY r.org_id, r.stage, r.status
      ON CONFLICT (org_id, stage, status) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO member_org_counts AS c (org_id, stage, status, n)
      SELECT r.org_id, r.stage, r.status, -count(*) FROM xf_old_rows r
        GROUP BY r.org_id, r.stage, r.status
        ORDER BY r.org_id, r.stage, r.status
      ON CONFLICT (org_id, stage, status) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO member_org_counts AS c (org_id, stage, status, n)
      SELECT d.org_id, d.stage, d.status, sum(d.n)
        FROM (SELECT r.org_id, r.stage, r.status, 1 AS n FROM xf_new_rows r
              UNION ALL
              SELECT r.org_id, r.stage, r.status, -1 AS n FROM xf_old_rows r) d
        GROUP BY d.org_id, d.stage, d.status
        HAVING sum(d.n) <> 0
        ORDER BY d.org_id, d.stage, d.status
      ON CONFLICT (org_id, stage, status) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    DELETE FROM member_org_counts;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
INSERT INTO "member_org_counts" ("org_id", "stage", "status", "n")
  SELECT m.org_id, m.stage, m.status, count(*) FROM "members" m GROUP BY m.org_id, m.stage, m.status;
