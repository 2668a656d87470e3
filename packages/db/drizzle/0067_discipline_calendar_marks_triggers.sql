-- The compliance calendar's marks (discipline_calendar_index.marks, issue 18): the agenda's refresh used to rebuild
-- every organization's basis on every read (the committee probe and the basis stamps of each of a province's
-- 31,987 organizations: 0.7 s a read). Now what the basis depends on marks the organizations it touches, and a read
-- rebuilds the basis of the marked ones only (found through the partial index on marks <> marks_seen), besides those
-- whose recheck day has come, whose row is dated after today, whose policy part (head) differs, or that have no row.
--
-- Marked in the same statement as the write, whoever writes, by statement triggers with transition tables:
--   discipline_basis_stamps, insert and update: each organization whose stamp moved (every sitting and talk
--     written bumps its year's stamp: custom migration `discipline_basis_stamps_triggers`);
--   member_org_counts, insert, update and delete: each organization whose count of full members of some status
--     moved (the committee probe counts full members: 7 or more elect a committee, BR 9) — a write of members
--     changes these rows in its own statement (custom migration `member_org_counts_by_status`).
-- A mark is an upsert in key order: the row's `marks` + 1, or, for an organization without a row, a row with
-- marks 1 and nothing evaluated (marks_seen 0), so an evaluation that read the organization before the write and
-- stores after it leaves the row marked (`saveCalendarIndex` stores `marks_seen` as the read found `marks`). More
-- marks than changes cost only a basis rebuilt and found equal (the read then clears the mark). The functions run
-- as their owner (SECURITY DEFINER), as the counts' own: a member moved out of the mover's scope marks the old
-- organization all the same. They write only organization ids and counters.
--
-- Rows stored before this migration: `head` is taken from their basis, and each is left marked (marks_seen -1), so
-- the first read rebuilds and compares their bases once (as every read did before) and clears the marks that
-- still hold.
UPDATE "discipline_calendar_index"
  SET "head" = split_part("basis", '|', 1) || '|' || split_part("basis", '|', 2), "marks_seen" = -1;--> statement-breakpoint
CREATE FUNCTION "xf_discipline_calendar_mark"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'discipline_basis_stamps' THEN
    INSERT INTO discipline_calendar_index AS c (org_id, basis, head, evaluated_on, recheck_on, marks)
      SELECT DISTINCT r.org_id, '', '', current_date, current_date, 1 FROM xf_rows r ORDER BY r.org_id
      ON CONFLICT (org_id) DO UPDATE SET marks = c.marks + 1;
  ELSE
    INSERT INTO discipline_calendar_index AS c (org_id, basis, head, evaluated_on, recheck_on, marks)
      SELECT DISTINCT r.org_id, '', '', current_date, current_date, 1 FROM xf_rows r WHERE r.stage = 'full'
        ORDER BY r.org_id
      ON CONFLICT (org_id) DO UPDATE SET marks = c.marks + 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "discipline_basis_stamps_calendar_insert" AFTER INSERT ON "discipline_basis_stamps"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_calendar_mark"();--> statement-breakpoint
CREATE TRIGGER "discipline_basis_stamps_calendar_update" AFTER UPDATE ON "discipline_basis_stamps"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_calendar_mark"();--> statement-breakpoint
CREATE TRIGGER "member_org_counts_calendar_insert" AFTER INSERT ON "member_org_counts"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_calendar_mark"();--> statement-breakpoint
CREATE TRIGGER "member_org_counts_calendar_update" AFTER UPDATE ON "member_org_counts"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_calendar_mark"();--> statement-breakpoint
CREATE TRIGGER "member_org_counts_calendar_delete" AFTER DELETE ON "member_org_counts"
  REFERENCING OLD TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_calendar_mark"();
