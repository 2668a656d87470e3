CREATE TABLE "discipline_talks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"pair" text NOT NULL,
	"on_date" date NOT NULL,
	"first_member_id" uuid NOT NULL,
	"second_member_id" uuid NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "discipline_talks_pair" CHECK ("discipline_talks"."pair" in ('committee-committee', 'committee-member', 'member-member')),
	CONSTRAINT "discipline_talks_two" CHECK ("discipline_talks"."first_member_id" <> "discipline_talks"."second_member_id")
);
--> statement-breakpoint
DROP TABLE "discipline_records" CASCADE;--> statement-breakpoint
ALTER TABLE "discipline_talks" ADD CONSTRAINT "discipline_talks_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_talks" ADD CONSTRAINT "discipline_talks_first_member_id_members_id_fk" FOREIGN KEY ("first_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_talks" ADD CONSTRAINT "discipline_talks_second_member_id_members_id_fk" FOREIGN KEY ("second_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_talks" ADD CONSTRAINT "discipline_talks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discipline_talks_org_idx" ON "discipline_talks" USING btree ("org_id","on_date");