ALTER TABLE "education_classes" ADD COLUMN "enrolled_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "education_classes" ADD COLUMN "person_times" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A class's totals counted where they are written (issue 18), as a survey's branches (0077): the class list counted
-- the enrolments and the attendance rows of every class it showed, for the organizer's side all of them — at the
-- 1,000,000-member province 906,311 enrolments and 6,018,815 attendance rows for the district admin's page
-- (1.2 s as the owner, 2-4 s as xianfeng_app), 72,194 and 479,780 for a committee's own class. education_classes
-- now keeps, by triggers that run as their owner (SECURITY DEFINER):
-- - enrolled_count: its enrolments (education_enrolments' statement triggers, from the rows each statement
--   inserted, updated or deleted);
-- - person_times: its attendance rows (education_attendance's statement triggers, each row's class through its
--   session; a deleted session's rows, gone with it by the cascade, are counted again from what is left by the
--   sessions' own trigger, as are both classes' of a session moved between classes).
-- A new class's counts start at 0 whatever its INSERT gives (its enrolments and sessions reference it, so none can
-- exist yet): a restore inserts the archived counts and then the rows, which count themselves. The app role may
-- update every column of a class but these. A caller who sees a class only through its members still counts its
-- own members' rows (few). Two writers of one class's enrolments or attendance at once now wait for each other's
-- commit on the class's row.
UPDATE "education_classes" AS c SET
  "enrolled_count" = (SELECT count(*) FROM "education_enrolments" e WHERE e."class_id" = c."id"),
  "person_times" = (
    SELECT count(*) FROM "education_attendance" a JOIN "education_sessions" s ON s."id" = a."session_id"
     WHERE s."class_id" = c."id"
  );--> statement-breakpoint
CREATE FUNCTION "xf_education_classes_counts_start"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.enrolled_count := 0;
  NEW.person_times := 0;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "education_classes_counts_start" BEFORE INSERT ON "education_classes"
  FOR EACH ROW EXECUTE FUNCTION "xf_education_classes_counts_start"();--> statement-breakpoint
CREATE FUNCTION "xf_education_enrolments_counted"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE education_classes c SET enrolled_count = c.enrolled_count + d.n
      FROM (SELECT class_id, count(*)::int AS n FROM xf_new GROUP BY class_id) d
     WHERE c.id = d.class_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE education_classes c SET enrolled_count = c.enrolled_count - d.n
      FROM (SELECT class_id, count(*)::int AS n FROM xf_old GROUP BY class_id) d
     WHERE c.id = d.class_id;
  ELSE
    UPDATE education_classes c SET enrolled_count = c.enrolled_count + d.n
      FROM (
        SELECT class_id, sum(n)::int AS n
          FROM (SELECT class_id, 1 AS n FROM xf_new UNION ALL SELECT class_id, -1 FROM xf_old) x
         GROUP BY class_id HAVING sum(n) <> 0
      ) d
     WHERE c.id = d.class_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "education_enrolments_counted_insert" AFTER INSERT ON "education_enrolments"
  REFERENCING NEW TABLE AS xf_new FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_enrolments_counted"();--> statement-breakpoint
CREATE TRIGGER "education_enrolments_counted_update" AFTER UPDATE ON "education_enrolments"
  REFERENCING OLD TABLE AS xf_old NEW TABLE AS xf_new FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_enrolments_counted"();--> statement-breakpoint
CREATE TRIGGER "education_enrolments_counted_delete" AFTER DELETE ON "education_enrolments"
  REFERENCING OLD TABLE AS xf_old FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_enrolments_counted"();--> statement-breakpoint
CREATE FUNCTION "xf_education_attendance_counted"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE education_classes c SET person_times = c.person_times + d.n
      FROM (
        SELECT s.class_id, count(*)::int AS n FROM xf_new a JOIN education_sessions s ON s.id = a.session_id
         GROUP BY s.class_id
      ) d
     WHERE c.id = d.class_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE education_classes c SET person_times = c.person_times - d.n
      FROM (
        SELECT s.class_id, count(*)::int AS n FROM xf_old a JOIN education_sessions s ON s.id = a.session_id
         GROUP BY s.class_id
      ) d
     WHERE c.id = d.class_id;
  ELSE
    UPDATE education_classes c SET person_times = c.person_times + d.n
      FROM (
        SELECT s.class_id, sum(x.n)::int AS n
          FROM (SELECT session_id, 1 AS n FROM xf_new UNION ALL SELECT session_id, -1 FROM xf_old) x
          JOIN education_sessions s ON s.id = x.session_id
         GROUP BY s.class_id HAVING sum(x.n) <> 0
      ) d
     WHERE c.id = d.class_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "education_attendance_counted_insert" AFTER INSERT ON "education_attendance"
  REFERENCING NEW TABLE AS xf_new FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_attendance_counted"();--> statement-breakpoint
CREATE TRIGGER "education_attendance_counted_update" AFTER UPDATE ON "education_attendance"
  REFERENCING OLD TABLE AS xf_old NEW TABLE AS xf_new FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_attendance_counted"();--> statement-breakpoint
CREATE TRIGGER "education_attendance_counted_delete" AFTER DELETE ON "education_attendance"
  REFERENCING OLD TABLE AS xf_old FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_attendance_counted"();--> statement-breakpoint
CREATE FUNCTION "xf_education_sessions_recounted"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE education_classes c SET person_times = (
        SELECT count(*) FROM education_attendance a JOIN education_sessions s ON s.id = a.session_id
         WHERE s.class_id = c.id)
     WHERE c.id IN (SELECT class_id FROM xf_old);
  ELSE
    UPDATE education_classes c SET person_times = (
        SELECT count(*) FROM education_attendance a JOIN education_sessions s ON s.id = a.session_id
         WHERE s.class_id = c.id)
     WHERE c.id IN (
       SELECT o.class_id FROM xf_old o JOIN xf_new n ON n.id = o.id WHERE n.class_id <> o.class_id
       UNION SELECT n.class_id FROM xf_old o JOIN xf_new n ON n.id = o.id WHERE n.class_id <> o.class_id
     );
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "education_sessions_recounted_delete" AFTER DELETE ON "education_sessions"
  REFERENCING OLD TABLE AS xf_old FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_sessions_recounted"();--> statement-breakpoint
CREATE TRIGGER "education_sessions_recounted_update" AFTER UPDATE ON "education_sessions"
  REFERENCING OLD TABLE AS xf_old NEW TABLE AS xf_new FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_sessions_recounted"();--> statement-breakpoint
REVOKE UPDATE ON "education_classes" FROM xianfeng_app;--> statement-breakpoint
GRANT UPDATE ("id", "org_id", "organizer_name", "title", "audience_kind", "audience_value", "centralized", "closed_at",
  "recorded_by", "recorded_at", "version") ON "education_classes" TO xianfeng_app;
