-- The dues stamps (care_dues_stamps): every write that can change where a member stands on dues bumps the member's
-- stamp in the same statement, whoever writes (the API, a payment import, the demo's bulk load, plain SQL).
-- Statement triggers with transition tables: a bulk load of thousands of rows bumps each member once per
-- statement. What is watched:
--   care_dues_assessments (insert, update, delete — a year assessed, corrected or removed): its members;
--   care_dues_payments (insert, update, delete — a payment entered, corrected or taken back): its members;
--   care_dues_reductions (insert, update, delete — a reduction or exemption approved, changed or withdrawn): its
--     members;
--   members (update of org_id, stage, status, admitted_on or full_member_on: a move, a change of standing, a
--     corrected admission): the members changed.
-- The bump runs as the function's owner (SECURITY DEFINER), like the study-hours stamps': a member moved out of
-- the mover's scope must have their stamp moved all the same. It writes only member ids and counters.
ALTER TABLE "care_dues_stamps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_stamps_scope" ON "care_dues_stamps" USING (
  xf_system() OR EXISTS (SELECT 1 FROM "members" m WHERE m.id = "care_dues_stamps"."member_id" AND xf_org_in_scope(m.org_id))
);--> statement-breakpoint
ALTER TABLE "care_dues_standings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_standings_scope" ON "care_dues_standings" USING (
  xf_system() OR EXISTS (SELECT 1 FROM "members" m WHERE m.id = "care_dues_standings"."member_id" AND xf_org_in_scope(m.org_id))
);--> statement-breakpoint
CREATE FUNCTION "xf_care_dues_bump"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'members' THEN
    INSERT INTO care_dues_stamps AS s (member_id)
      SELECT n.id FROM xf_new_rows n JOIN xf_old_rows o ON o.id = n.id
        WHERE (n.org_id, n.stage, n.status, n.admitted_on, n.full_member_on)
          IS DISTINCT FROM (o.org_id, o.stage, o.status, o.admitted_on, o.full_member_on)
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO care_dues_stamps AS s (member_id) SELECT DISTINCT member_id FROM xf_new_rows
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO care_dues_stamps AS s (member_id)
      SELECT member_id FROM xf_new_rows UNION SELECT member_id FROM xf_old_rows
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSE
    INSERT INTO care_dues_stamps AS s (member_id) SELECT DISTINCT member_id FROM xf_old_rows
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "care_dues_assessments_dues_insert" AFTER INSERT ON "care_dues_assessments"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_assessments_dues_update" AFTER UPDATE ON "care_dues_assessments"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_assessments_dues_delete" AFTER DELETE ON "care_dues_assessments"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_payments_dues_insert" AFTER INSERT ON "care_dues_payments"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_payments_dues_update" AFTER UPDATE ON "care_dues_payments"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_payments_dues_delete" AFTER DELETE ON "care_dues_payments"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_reductions_dues_insert" AFTER INSERT ON "care_dues_reductions"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_reductions_dues_update" AFTER UPDATE ON "care_dues_reductions"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "care_dues_reductions_dues_delete" AFTER DELETE ON "care_dues_reductions"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();--> statement-breakpoint
CREATE TRIGGER "members_dues_update" AFTER UPDATE ON "members"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_dues_bump"();
