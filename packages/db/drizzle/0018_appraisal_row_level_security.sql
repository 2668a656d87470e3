-- Row-level security for the appraisal tables (the rules of 0004 and 0008: a row belongs to its own
-- organization, to its cycle's, or to its member's; unscoped system work passes).
ALTER TABLE "appraisal_cycles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "appraisal_cycles_scope" ON "appraisal_cycles" USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "appraisal_participants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "appraisal_participants_scope" ON "appraisal_participants" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "appraisal_cycles" c WHERE c.id = "appraisal_participants"."cycle_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "appraisal_peer_ratings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "appraisal_peer_ratings_scope" ON "appraisal_peer_ratings" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "appraisal_cycles" c WHERE c.id = "appraisal_peer_ratings"."cycle_id" AND xf_org_in_scope(c.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "appraisal_unqualified_cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "appraisal_unqualified_cases_scope" ON "appraisal_unqualified_cases" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "appraisal_unqualified_cases"."member_id" AND xf_org_in_scope(m.org_id)
  )
);--> statement-breakpoint
ALTER TABLE "appraisal_secretary_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "appraisal_secretary_reviews_scope" ON "appraisal_secretary_reviews"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
ALTER TABLE "appraisal_activations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "appraisal_activations_scope" ON "appraisal_activations"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
-- Who has viewed a member's record (查阅记录), for the member: the audit rows about the member, each with the
-- viewer's role and organization. The viewers' user rows lie above the member's scope, so row-level security
-- would hide their organizations; this function (run as the owner) returns only those four columns, never the
-- viewer's id or name, and leaves out the member's own actions. The API calls it for the signed-in member's own
-- record only (`recordViewersOf`).
CREATE FUNCTION "xf_record_viewers"(p_member uuid, p_self text)
RETURNS TABLE ("at" timestamptz, "action" text, "viewer_role" text, "viewer_org" text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT a.at, a.action, a.actor_role, o.name
  FROM audit_log a
  LEFT JOIN users u ON u.id::text = a.actor_id
  LEFT JOIN orgs o ON o.id = u.org_id
  WHERE a.object_type = 'member' AND a.object_id = p_member::text
    AND a.actor_id IS DISTINCT FROM p_self AND a.result = 'ok'
  ORDER BY a.seq DESC
  LIMIT 200
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "xf_record_viewers"(uuid, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_record_viewers"(uuid, text) TO xianfeng_app;
