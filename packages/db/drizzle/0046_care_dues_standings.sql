CREATE TABLE "care_dues_stamps" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"stamp" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_dues_standings" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"stamp" bigint NOT NULL,
	"as_of" text NOT NULL,
	"arrears" integer NOT NULL,
	"running" integer NOT NULL,
	"owed_fen" bigint NOT NULL,
	CONSTRAINT "care_dues_standings_as_of" CHECK ("care_dues_standings"."as_of" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "care_dues_stamps" ADD CONSTRAINT "care_dues_stamps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_standings" ADD CONSTRAINT "care_dues_standings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;