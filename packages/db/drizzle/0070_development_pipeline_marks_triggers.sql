-- The development pipeline's marks (development_pipeline_index.marks, issue 18): every read of the pipeline or the
-- agenda found its stale people by joining each person of the scope's pipeline (status normal, a pipeline stage:
-- 95,402 entries of `members_pipeline_idx` for a province's district admin) with their index row, to compare
-- member versions and find who had none: ~70 ms a read at the province. Now the triggers keep two facts in the
-- index rows themselves, and a read finds its stale people through indexes (the marked rows, the rows whose
-- recheck day has come, the rows dated ahead), so it costs what is stale:
--   * every person of the pipeline has a row: one written into the pipeline without one (an insert, a stage or
--     status that brings them in) gets a row with marks 1 and nothing evaluated (marks_seen 0);
--   * a person of the pipeline written at another version than their row's `member_version`, or coming back to a
--     row put aside, has the row's `marks` + 1 (the version comparison the read made, made by the write instead);
--   * a person who leaves the pipeline (another stage, another status) has the row put aside: `recheck_on`
--     9999-12-31 (never) and `marks_seen` = `marks`, so neither the recheck nor the marked index lists them.
-- Marked in the same statement as the write of `members`, whoever writes (the API, an import, a transfer, the demo's
-- bulk load by INSERT or COPY, a restore, plain SQL), by statement triggers with transition tables, in key order (two
-- writers touching the same people queue instead of deadlocking; `savePipelineIndex` stores in key order too). An
-- evaluation that read a person before a write and stores after it leaves the row marked: it stores `marks_seen`
-- as its read found `marks`. The function runs as its owner (SECURITY DEFINER), as the counts' and the calendar's:
-- it writes only member ids, versions, dates and counters.
--
-- The triggers are created before the backfill (CREATE TRIGGER locks `members` against writes until the migration
-- commits). Rows stored before: a person of the pipeline whose row is for another version is marked (marks_seen
-- -1), one without a row gets a marked row, and the rows of people no longer in the pipeline are put aside.
CREATE FUNCTION "xf_development_pipeline_mark"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO development_pipeline_index AS c (member_id, member_version, evaluated_on, recheck_on, marks)
    SELECT r.id, r.version, current_date, current_date, 1 FROM xf_rows r
      WHERE r.status = 'normal' AND r.stage IN ('applicant', 'activist', 'development-object', 'probationary')
      ORDER BY r.id
    ON CONFLICT (member_id) DO UPDATE SET marks = c.marks + 1
      WHERE c.member_version IS DISTINCT FROM excluded.member_version OR c.recheck_on = DATE '9999-12-31';
  IF TG_OP = 'UPDATE' THEN
    UPDATE development_pipeline_index AS c SET recheck_on = DATE '9999-12-31', marks_seen = c.marks
      FROM xf_rows r
      WHERE c.member_id = r.id
        AND NOT (r.status = 'normal' AND r.stage IN ('applicant', 'activist', 'development-object', 'probationary'))
        AND (c.recheck_on <> DATE '9999-12-31' OR c.marks <> c.marks_seen);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "members_pipeline_mark_insert" AFTER INSERT ON "members"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_development_pipeline_mark"();--> statement-breakpoint
CREATE TRIGGER "members_pipeline_mark_update" AFTER UPDATE ON "members"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_development_pipeline_mark"();--> statement-breakpoint
UPDATE "development_pipeline_index" AS c SET "recheck_on" = DATE '9999-12-31', "marks_seen" = c."marks"
  FROM "members" m
  WHERE m."id" = c."member_id"
    AND NOT (m."status" = 'normal' AND m."stage" IN ('applicant', 'activist', 'development-object', 'probationary'));--> statement-breakpoint
UPDATE "development_pipeline_index" AS c SET "marks_seen" = -1
  FROM "members" m
  WHERE m."id" = c."member_id" AND m."version" <> c."member_version"
    AND m."status" = 'normal' AND m."stage" IN ('applicant', 'activist', 'development-object', 'probationary');--> statement-breakpoint
INSERT INTO "development_pipeline_index" ("member_id", "member_version", "evaluated_on", "recheck_on", "marks")
  SELECT m."id", m."version", current_date, current_date, 1 FROM "members" m
  WHERE m."status" = 'normal' AND m."stage" IN ('applicant', 'activist', 'development-object', 'probationary')
    AND NOT EXISTS (SELECT 1 FROM "development_pipeline_index" c WHERE c."member_id" = m."id")
  ORDER BY m."id";
