-- The organizer's name is kept on the class: a caller who sees a class through its enrolled members (a branch
-- whose members a committee's or the district's class enrols) does not see the organizer's own orgs row, which
-- row-level security keeps from it. Classes written before this migration take the organizer's present name.
ALTER TABLE "education_classes" ADD COLUMN "organizer_name" text;--> statement-breakpoint
UPDATE "education_classes" c SET "organizer_name" = o."name" FROM "orgs" o WHERE o."id" = c."org_id";--> statement-breakpoint
ALTER TABLE "education_classes" ALTER COLUMN "organizer_name" SET NOT NULL;
