-- Row-level security for the education tables (the same rules as 0004/0008: a row belongs to its own
-- organization, or to the organization of its member, or to its class's organizer; unscoped system work passes).
-- The forum (书记话党建) is read district-wide, so its rows are readable by every caller; they are written and
-- moderated only inside the writer's scope.
ALTER TABLE "education_classes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_classes_scope" ON "education_classes" USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "education_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_sessions_scope" ON "education_sessions" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_sessions"."class_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "education_enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_enrolments_scope" ON "education_enrolments" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_enrolments"."member_id" AND xf_org_in_scope(m.org_id)
  ) OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_enrolments"."class_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "education_attendance" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_attendance_scope" ON "education_attendance" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_attendance"."member_id" AND xf_org_in_scope(m.org_id)
  ) OR EXISTS (
    SELECT 1 FROM "education_sessions" s JOIN "education_classes" c ON c.id = s.class_id
    WHERE s.id = "education_attendance"."session_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "education_online" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_online_scope" ON "education_online" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_online"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "education_roles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_roles_scope" ON "education_roles" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_roles"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "education_exemptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "education_exemptions_scope" ON "education_exemptions" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_exemptions"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "forum_posts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "forum_posts_read" ON "forum_posts" FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY "forum_posts_write" ON "forum_posts" FOR INSERT WITH CHECK (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
CREATE POLICY "forum_posts_moderate" ON "forum_posts" FOR UPDATE USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "forum_attachments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "forum_attachments_read" ON "forum_attachments" FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY "forum_attachments_write" ON "forum_attachments" FOR INSERT WITH CHECK (
  xf_system() OR EXISTS (SELECT 1 FROM "forum_posts" p WHERE p.id = "forum_attachments"."post_id" AND xf_org_in_scope(p.org_id))
);
