CREATE TABLE "care_dues_arrears" (
	"org_id" text PRIMARY KEY NOT NULL,
	"stamp" bigint NOT NULL,
	"as_of" text NOT NULL,
	"members" integer NOT NULL,
	"self_lapse" integer NOT NULL,
	"owed_fen" bigint NOT NULL,
	CONSTRAINT "care_dues_arrears_as_of" CHECK ("care_dues_arrears"."as_of" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "care_dues_arrears" ADD CONSTRAINT "care_dues_arrears_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;