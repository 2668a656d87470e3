-- Commendation results (两优一先) are announced publicly (公示), so whoever sees the commended member sees the
-- result: a branch secretary whose member a town nominated reads the approved nomination, and the campaign it
-- belongs to, though neither the town's nomination rows nor its campaign are otherwise in their scope. Only
-- approved nominations of a member, and only for reading (the nominating organization alone moves its
-- nominations). The nominating organization's name is kept on the row for them (the town's own row stays hidden).
UPDATE "care_nominations" n SET "org_name" = o."name" FROM "orgs" o WHERE o."id" = n."org_id" AND n."org_name" IS NULL;--> statement-breakpoint
CREATE POLICY "care_nominations_results_of_members" ON "care_nominations" FOR SELECT USING (
  "stage" = 'approved' AND "member_id" IS NOT NULL
  AND EXISTS (SELECT 1 FROM "members" m WHERE m.id = "care_nominations"."member_id" AND xf_org_in_scope(m.org_id))
);--> statement-breakpoint
CREATE POLICY "care_commendation_campaigns_results_of_members" ON "care_commendation_campaigns" FOR SELECT USING (
  EXISTS (
    SELECT 1 FROM "care_nominations" n JOIN "members" m ON m.id = n.member_id
    WHERE n.campaign_id = "care_commendation_campaigns"."id" AND n.stage = 'approved' AND xf_org_in_scope(m.org_id)
  )
);
