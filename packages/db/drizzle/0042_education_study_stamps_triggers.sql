-- The study-hours stamps (education_study_stamps): every write that can change a member's study hours bumps the
-- member's stamp in the same statement, whoever writes (the API, an import of classes or online learning, the
-- demo's bulk load, plain SQL). Statement triggers with transition tables: a bulk load of thousands of rows
-- bumps each member once per statement. What is watched:
--   education_attendance (insert, update, delete — a session or class deleted cascades to it): its members;
--   education_sessions (update: its day, times or hours) and education_classes (update: centralized): the
--     members present at the session, or at any session of the class;
--   education_online (insert, update, delete): its members;
--   discipline_attendance (insert, update, delete — a meeting deleted cascades to it): its members;
--   discipline_meetings (update: kinds, day, times): the members on its roll call;
--   members (update of org_id: a move changes which subtrees' reads hold their meetings): the members moved.
-- The bump runs as the function's owner (SECURITY DEFINER): a class's organizer changes a session whose
-- attendees may lie outside the organizer's scope, and their stamps must move all the same. It writes only
-- member ids and counters.
ALTER TABLE "education_study_stamps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_study_stamps_scope" ON "education_study_stamps" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_study_stamps"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "education_study_index" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_study_index_scope" ON "education_study_index" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_study_index"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
CREATE FUNCTION "xf_education_study_bump"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME IN ('education_attendance', 'education_online', 'discipline_attendance') THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO education_study_stamps AS s (member_id) SELECT DISTINCT member_id FROM xf_new_rows
        ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
    ELSIF TG_OP = 'UPDATE' THEN
      INSERT INTO education_study_stamps AS s (member_id)
        SELECT member_id FROM xf_new_rows UNION SELECT member_id FROM xf_old_rows
        ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
    ELSE
      INSERT INTO education_study_stamps AS s (member_id) SELECT DISTINCT member_id FROM xf_old_rows
        ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
    END IF;
  ELSIF TG_TABLE_NAME = 'education_sessions' THEN
    INSERT INTO education_study_stamps AS s (member_id)
      SELECT DISTINCT a.member_id FROM education_attendance a
        WHERE a.session_id IN (SELECT n.id FROM xf_new_rows n JOIN xf_old_rows o ON o.id = n.id
          WHERE (n.on_date, n.start_minute, n.end_minute, n.tenths, n.class_id)
            IS DISTINCT FROM (o.on_date, o.start_minute, o.end_minute, o.tenths, o.class_id))
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSIF TG_TABLE_NAME = 'education_classes' THEN
    INSERT INTO education_study_stamps AS s (member_id)
      SELECT DISTINCT a.member_id FROM education_attendance a JOIN education_sessions es ON es.id = a.session_id
        WHERE es.class_id IN (SELECT n.id FROM xf_new_rows n JOIN xf_old_rows o ON o.id = n.id
          WHERE n.centralized IS DISTINCT FROM o.centralized)
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSIF TG_TABLE_NAME = 'discipline_meetings' THEN
    INSERT INTO education_study_stamps AS s (member_id)
      SELECT DISTINCT a.member_id FROM discipline_attendance a
        WHERE a.meeting_id IN (SELECT n.id FROM xf_new_rows n JOIN xf_old_rows o ON o.id = n.id
          WHERE (n.types, n.on_date, n.start_time, n.end_time) IS DISTINCT FROM (o.types, o.on_date, o.start_time, o.end_time))
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  ELSIF TG_TABLE_NAME = 'members' THEN
    INSERT INTO education_study_stamps AS s (member_id)
      SELECT n.id FROM xf_new_rows n JOIN xf_old_rows o ON o.id = n.id WHERE n.org_id IS DISTINCT FROM o.org_id
      ON CONFLICT (member_id) DO UPDATE SET stamp = s.stamp + 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "education_attendance_study_insert" AFTER INSERT ON "education_attendance"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "education_attendance_study_update" AFTER UPDATE ON "education_attendance"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "education_attendance_study_delete" AFTER DELETE ON "education_attendance"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "education_online_study_insert" AFTER INSERT ON "education_online"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "education_online_study_update" AFTER UPDATE ON "education_online"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "education_online_study_delete" AFTER DELETE ON "education_online"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_attendance_study_insert" AFTER INSERT ON "discipline_attendance"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_attendance_study_update" AFTER UPDATE ON "discipline_attendance"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_attendance_study_delete" AFTER DELETE ON "discipline_attendance"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "education_sessions_study_update" AFTER UPDATE ON "education_sessions"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "education_classes_study_update" AFTER UPDATE ON "education_classes"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_meetings_study_update" AFTER UPDATE ON "discipline_meetings"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();--> statement-breakpoint
CREATE TRIGGER "members_study_update" AFTER UPDATE ON "members"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_bump"();
