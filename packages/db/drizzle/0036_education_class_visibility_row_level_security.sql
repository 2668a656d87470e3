-- Who sees a training class (docs/security.md "Training classes seen from below"): a caller whose scope holds the
-- class's organizer, or one whose scope holds at least one member enrolled in it (a branch whose members a
-- committee's or the district's class enrols). The second needs the enrolments, whose own policy reads the classes;
-- to read both without the policies calling each other, the tests are SECURITY DEFINER functions that run as the
-- owner (whom row-level security does not bind) and answer only "does this class enrol a member of the transaction's
-- scope" and "is this class visible to it" — search_path pinned, as xf_caller. A new class's own row is judged by
-- its org_id column (its INSERT … RETURNING cannot see itself through a function). Paths are compared by
-- xf_path_in_scope, whose setting is the caller's transaction's. Reading is widened; writing is not: only the
-- organizer's side writes a class and its sessions and enrolments. Attendance keeps its policy (a row is visible and
-- writable when its member is in scope or its class's organizer is), so a branch marks its own members' attendance
-- and no one else's.
CREATE FUNCTION "xf_class_enrols_in_scope"(p_class uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM education_enrolments e
      JOIN members m ON m.id = e.member_id
      JOIN orgs o ON o.id = m.org_id
     WHERE e.class_id = p_class AND xf_path_in_scope(o.path)
  );
END
$$;--> statement-breakpoint
CREATE FUNCTION "xf_class_visible"(p_class uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN xf_system() OR EXISTS (
    SELECT 1 FROM education_classes c JOIN orgs o ON o.id = c.org_id
     WHERE c.id = p_class AND xf_path_in_scope(o.path)
  ) OR xf_class_enrols_in_scope(p_class);
END
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_class_enrols_in_scope"(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_class_enrols_in_scope"(uuid) TO xianfeng_app;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_class_visible"(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_class_visible"(uuid) TO xianfeng_app;--> statement-breakpoint
DROP POLICY "education_classes_scope" ON "education_classes";--> statement-breakpoint
CREATE POLICY "education_classes_read" ON "education_classes" FOR SELECT USING (
  xf_system() OR xf_org_in_scope("org_id") OR xf_class_enrols_in_scope("id")
);--> statement-breakpoint
CREATE POLICY "education_classes_insert" ON "education_classes" FOR INSERT WITH CHECK (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
CREATE POLICY "education_classes_update" ON "education_classes" FOR UPDATE USING (xf_system() OR xf_org_in_scope("org_id")) WITH CHECK (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
CREATE POLICY "education_classes_delete" ON "education_classes" FOR DELETE USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
DROP POLICY "education_sessions_scope" ON "education_sessions";--> statement-breakpoint
CREATE POLICY "education_sessions_read" ON "education_sessions" FOR SELECT USING (xf_system() OR xf_class_visible("class_id"));--> statement-breakpoint
CREATE POLICY "education_sessions_insert" ON "education_sessions" FOR INSERT WITH CHECK (
  xf_system() OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_sessions"."class_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
CREATE POLICY "education_sessions_update" ON "education_sessions" FOR UPDATE USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_sessions"."class_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
CREATE POLICY "education_sessions_delete" ON "education_sessions" FOR DELETE USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_sessions"."class_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
DROP POLICY "education_enrolments_scope" ON "education_enrolments";--> statement-breakpoint
CREATE POLICY "education_enrolments_read" ON "education_enrolments" FOR SELECT USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_enrolments"."member_id" AND xf_org_in_scope(m.org_id)
  ) OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_enrolments"."class_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
CREATE POLICY "education_enrolments_write" ON "education_enrolments" FOR INSERT WITH CHECK (
  xf_system() OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_enrolments"."class_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
CREATE POLICY "education_enrolments_delete" ON "education_enrolments" FOR DELETE USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_enrolments"."class_id" AND xf_org_in_scope(c.org_id)
  )
);
