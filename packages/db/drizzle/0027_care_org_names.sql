-- The running organization's name is kept on the plan, survey and campaign: a caller below that organization sees
-- the row (its branches take part) but row-level security keeps the organization's own row from it. Rows written
-- before this migration take the organization's present name.
ALTER TABLE "care_commendation_campaigns" ADD COLUMN "org_name" text;--> statement-breakpoint
UPDATE "care_commendation_campaigns" c SET "org_name" = o."name" FROM "orgs" o WHERE o."id" = c."org_id";--> statement-breakpoint
ALTER TABLE "care_commendation_campaigns" ALTER COLUMN "org_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "care_surveys" ADD COLUMN "org_name" text;--> statement-breakpoint
UPDATE "care_surveys" s SET "org_name" = o."name" FROM "orgs" o WHERE o."id" = s."org_id";--> statement-breakpoint
ALTER TABLE "care_surveys" ALTER COLUMN "org_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "care_visit_plans" ADD COLUMN "org_name" text;--> statement-breakpoint
UPDATE "care_visit_plans" p SET "org_name" = o."name" FROM "orgs" o WHERE o."id" = p."org_id";--> statement-breakpoint
ALTER TABLE "care_visit_plans" ALTER COLUMN "org_name" SET NOT NULL;
