ALTER TABLE "care_nominations" ADD COLUMN "approved_on" date;--> statement-breakpoint
ALTER TABLE "care_nominations" ADD COLUMN "org_name" text;--> statement-breakpoint
ALTER TABLE "care_nominations" ADD CONSTRAINT "care_nominations_approved_on" CHECK ("care_nominations"."approved_on" is null or "care_nominations"."stage" = 'approved');