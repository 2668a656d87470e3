CREATE TABLE "appraisal_activations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appraisal_activations_code_hash_key" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "appraisal_cycles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"proposed_on" date,
	"confirmed_on" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "appraisal_cycles_org_year_key" UNIQUE("org_id","year"),
	CONSTRAINT "appraisal_cycles_state" CHECK ("appraisal_cycles"."state" in ('open', 'proposed', 'confirmed'))
);
--> statement-breakpoint
CREATE TABLE "appraisal_participants" (
	"cycle_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"recusals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"self_grade" text,
	"self_text" text,
	"self_at" timestamp with time zone,
	"proposed_grade" text,
	"proposed_reason" text,
	"confirmed_grade" text,
	"confirmed_reason" text,
	CONSTRAINT "appraisal_participants_cycle_id_member_id_pk" PRIMARY KEY("cycle_id","member_id"),
	CONSTRAINT "appraisal_participants_stage" CHECK ("appraisal_participants"."stage" in ('probationary', 'full')),
	CONSTRAINT "appraisal_participants_self_grade" CHECK ("appraisal_participants"."self_grade" in ('excellent', 'qualified', 'basic', 'unqualified')),
	CONSTRAINT "appraisal_participants_proposed_grade" CHECK ("appraisal_participants"."proposed_grade" in ('excellent', 'qualified', 'basic', 'unqualified')),
	CONSTRAINT "appraisal_participants_confirmed_grade" CHECK ("appraisal_participants"."confirmed_grade" in ('excellent', 'qualified', 'basic', 'unqualified'))
);
--> statement-breakpoint
CREATE TABLE "appraisal_peer_ratings" (
	"cycle_id" uuid NOT NULL,
	"rater_id" uuid NOT NULL,
	"ratee_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appraisal_peer_ratings_pkey" PRIMARY KEY("cycle_id","rater_id","ratee_id"),
	CONSTRAINT "appraisal_peer_ratings_grade" CHECK ("appraisal_peer_ratings"."grade" in ('excellent', 'qualified', 'basic', 'unqualified')),
	CONSTRAINT "appraisal_peer_ratings_not_self" CHECK ("appraisal_peer_ratings"."rater_id" <> "appraisal_peer_ratings"."ratee_id")
);
--> statement-breakpoint
CREATE TABLE "appraisal_secretary_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"secretary_name" text NOT NULL,
	"report_submitted" boolean DEFAULT false NOT NULL,
	"comments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"votes" jsonb NOT NULL,
	"indicators" jsonb NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "appraisal_secretary_reviews_org_year_key" UNIQUE("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "appraisal_unqualified_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"cycle_id" uuid,
	"opened_on" date NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_on" date,
	"outcome" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "appraisal_unqualified_cases_outcome" CHECK ("appraisal_unqualified_cases"."outcome" in ('corrected', 'removed'))
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "member_id" uuid;--> statement-breakpoint
ALTER TABLE "appraisal_activations" ADD CONSTRAINT "appraisal_activations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_activations" ADD CONSTRAINT "appraisal_activations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_activations" ADD CONSTRAINT "appraisal_activations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_activations" ADD CONSTRAINT "appraisal_activations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_cycles" ADD CONSTRAINT "appraisal_cycles_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_cycles" ADD CONSTRAINT "appraisal_cycles_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_participants" ADD CONSTRAINT "appraisal_participants_cycle_id_appraisal_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."appraisal_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_participants" ADD CONSTRAINT "appraisal_participants_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_peer_ratings" ADD CONSTRAINT "appraisal_peer_ratings_cycle_id_appraisal_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."appraisal_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_peer_ratings" ADD CONSTRAINT "appraisal_peer_ratings_rater_id_members_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_peer_ratings" ADD CONSTRAINT "appraisal_peer_ratings_ratee_id_members_id_fk" FOREIGN KEY ("ratee_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_secretary_reviews" ADD CONSTRAINT "appraisal_secretary_reviews_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_secretary_reviews" ADD CONSTRAINT "appraisal_secretary_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_unqualified_cases" ADD CONSTRAINT "appraisal_unqualified_cases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_unqualified_cases" ADD CONSTRAINT "appraisal_unqualified_cases_cycle_id_appraisal_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."appraisal_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_unqualified_cases" ADD CONSTRAINT "appraisal_unqualified_cases_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appraisal_activations_member_idx" ON "appraisal_activations" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "appraisal_participants_member_idx" ON "appraisal_participants" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "appraisal_unqualified_cases_member_idx" ON "appraisal_unqualified_cases" USING btree ("member_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_member_link" CHECK (("users"."role" = 'member') = ("users"."member_id" is not null));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role" CHECK ("users"."role" in ('district-admin', 'committee-officer', 'branch-secretary', 'auditor', 'system-admin', 'security-admin', 'audit-admin', 'member'));