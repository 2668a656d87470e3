-- Row-level security for development_trainings (0025): a training is seen through its person's organization,
-- as the other development tables (0008); unscoped system work passes.
ALTER TABLE "development_trainings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "development_trainings_scope" ON "development_trainings" USING (
  xf_system() OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "development_trainings"."member_id" AND xf_org_in_scope(m.org_id)
  )
);
