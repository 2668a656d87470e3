CREATE TABLE "discipline_attendance" (
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "discipline_attendance_pkey" PRIMARY KEY("meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "discipline_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"types" jsonb NOT NULL,
	"on_date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"place" text NOT NULL,
	"chair" text NOT NULL,
	"recorder" text NOT NULL,
	"expected_full" integer NOT NULL,
	"expected_probationary" integer NOT NULL,
	"present_full" integer NOT NULL,
	"present_probationary" integer NOT NULL,
	"observers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_item" jsonb,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resolutions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"votes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "discipline_meetings_present" CHECK ("discipline_meetings"."present_full" <= "discipline_meetings"."expected_full" and "discipline_meetings"."present_probationary" <= "discipline_meetings"."expected_probationary")
);
--> statement-breakpoint
ALTER TABLE "discipline_attendance" ADD CONSTRAINT "discipline_attendance_meeting_id_discipline_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."discipline_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_attendance" ADD CONSTRAINT "discipline_attendance_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_meetings" ADD CONSTRAINT "discipline_meetings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_meetings" ADD CONSTRAINT "discipline_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discipline_attendance_member_idx" ON "discipline_attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "discipline_meetings_org_idx" ON "discipline_meetings" USING btree ("org_id","on_date");