-- The stored dues arrears per organization (care_dues_arrears) are read and written by the scope's own users, as the
-- stored dues collections beside them: a row is visible and writable where its organization lies in the caller's
-- scope. Derived answers (recomputed from the dues and the roll whenever the organization's dues stamp moves or the
-- month turns), so nothing to backfill: a missing row is computed by the first read that needs it.
ALTER TABLE "care_dues_arrears" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "care_dues_arrears_scope" ON "care_dues_arrears"
  USING (xf_system() OR xf_org_in_scope("org_id"));
