CREATE TABLE "discipline_attendance" (
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "discipline_attendance_pkey" PRIMARY KEY("meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "discipline_draws" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"title" text NOT NULL,
	"seed" text NOT NULL,
	"algorithm" text NOT NULL,
	"size" integer NOT NULL,
	"stratify" boolean NOT NULL,
	"exclude" jsonb,
	"candidates" jsonb NOT NULL,
	"sample" jsonb NOT NULL,
	"excluded" jsonb NOT NULL,
	"drawn_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discipline_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"draw_id" uuid,
	"org_id" text NOT NULL,
	"obligation" text NOT NULL,
	"period" text NOT NULL,
	"evidence" text NOT NULL,
	"severity" text NOT NULL,
	"found_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discipline_findings_severity" CHECK ("discipline_findings"."severity" in ('minor', 'serious', 'critical'))
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
CREATE TABLE "discipline_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"finding_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"owner" text NOT NULL,
	"issued_on" date NOT NULL,
	"deadline" date NOT NULL,
	"state" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"escalation_path" jsonb NOT NULL,
	"escalations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"returns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_on" date,
	"closed_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "discipline_orders_state" CHECK ("discipline_orders"."state" in ('open', 'submitted', 'closed')),
	CONSTRAINT "discipline_orders_closed" CHECK (("discipline_orders"."state" = 'closed') = ("discipline_orders"."closed_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "discipline_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"title" text NOT NULL,
	"on_date" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "discipline_attendance" ADD CONSTRAINT "discipline_attendance_meeting_id_discipline_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."discipline_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_attendance" ADD CONSTRAINT "discipline_attendance_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_draws" ADD CONSTRAINT "discipline_draws_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_draws" ADD CONSTRAINT "discipline_draws_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_findings" ADD CONSTRAINT "discipline_findings_draw_id_discipline_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."discipline_draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_findings" ADD CONSTRAINT "discipline_findings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_findings" ADD CONSTRAINT "discipline_findings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_meetings" ADD CONSTRAINT "discipline_meetings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_meetings" ADD CONSTRAINT "discipline_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_orders" ADD CONSTRAINT "discipline_orders_finding_id_discipline_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."discipline_findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_orders" ADD CONSTRAINT "discipline_orders_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_records" ADD CONSTRAINT "discipline_records_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_records" ADD CONSTRAINT "discipline_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discipline_attendance_member_idx" ON "discipline_attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "discipline_draws_org_idx" ON "discipline_draws" USING btree ("org_id","drawn_on");--> statement-breakpoint
CREATE INDEX "discipline_findings_org_idx" ON "discipline_findings" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "discipline_meetings_org_idx" ON "discipline_meetings" USING btree ("org_id","on_date");--> statement-breakpoint
CREATE INDEX "discipline_orders_org_idx" ON "discipline_orders" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "discipline_records_org_idx" ON "discipline_records" USING btree ("org_id","on_date");