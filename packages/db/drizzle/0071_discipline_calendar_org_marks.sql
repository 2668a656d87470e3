-- Every organization has a compliance calendar row (discipline_calendar_index, issue 18): the agenda's staleness
-- check (`staleCalendarBasesOf`) found the organizations without one by an anti-join of every organization of the
-- scope with the rows' keys on every read (31,987 at a province), although marks already made rows for all the
-- others. Now a statement trigger on `orgs` makes the row as the organization is written (marked, nothing
-- evaluated: basis and head empty, marks 1, marks_seen 0), and marks it when its kind changes, forgetting its
-- stored basis (so the check cannot find the basis unchanged and clear the mark) — the calendar's obligations
-- depend on the kind (a branch, a general branch, a committee), which the basis does not spell, so a changed kind
-- used to wait for the row's recheck day. The check reads the marked rows through their partial index. Upserted
-- in key order, as the other marks; the function runs as its owner (SECURITY DEFINER) and writes only
-- organization ids, counters and the emptied basis.
--
-- The triggers are created before the backfill, which makes the marked row of each organization without one.
CREATE FUNCTION "xf_discipline_calendar_org_mark"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO discipline_calendar_index AS c (org_id, basis, head, evaluated_on, recheck_on, marks)
      SELECT n.id, '', '', current_date, current_date, 1 FROM xf_new n ORDER BY n.id
      ON CONFLICT (org_id) DO UPDATE SET marks = c.marks + 1;
  ELSE
    INSERT INTO discipline_calendar_index AS c (org_id, basis, head, evaluated_on, recheck_on, marks)
      SELECT n.id, '', '', current_date, current_date, 1
        FROM xf_new n JOIN xf_old o ON o.id = n.id
        WHERE o.kind IS DISTINCT FROM n.kind
        ORDER BY n.id
      ON CONFLICT (org_id) DO UPDATE SET marks = c.marks + 1, basis = '';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "orgs_calendar_mark_insert" AFTER INSERT ON "orgs"
  REFERENCING NEW TABLE AS xf_new FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_calendar_org_mark"();--> statement-breakpoint
CREATE TRIGGER "orgs_calendar_mark_update" AFTER UPDATE ON "orgs"
  REFERENCING OLD TABLE AS xf_old NEW TABLE AS xf_new
  FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_calendar_org_mark"();--> statement-breakpoint
INSERT INTO "discipline_calendar_index" ("org_id", "basis", "head", "evaluated_on", "recheck_on", "marks")
  SELECT o."id", '', '', current_date, current_date, 1 FROM "orgs" o
  WHERE NOT EXISTS (SELECT 1 FROM "discipline_calendar_index" c WHERE c."org_id" = o."id")
  ORDER BY o."id";
