CREATE TABLE "care_commendation_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"notice_starts_on" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_commendation_quotas" (
	"campaign_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"quota" integer NOT NULL,
	CONSTRAINT "care_commendation_quotas_campaign_id_org_id_pk" PRIMARY KEY("campaign_id","org_id"),
	CONSTRAINT "care_commendation_quotas_n" CHECK ("care_commendation_quotas"."quota" >= 0)
);
--> statement-breakpoint
CREATE TABLE "care_dues_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"base_fen" integer NOT NULL,
	"basis_points" integer NOT NULL,
	"monthly_fen" integer NOT NULL,
	"from_month" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_dues_assessments_category" CHECK ("care_dues_assessments"."category" in ('salaried', 'annual-salary', 'self-employed', 'retiree', 'farmer', 'relief')),
	CONSTRAINT "care_dues_assessments_fen" CHECK ("care_dues_assessments"."base_fen" >= 0 and "care_dues_assessments"."monthly_fen" >= 0 and "care_dues_assessments"."basis_points" >= 0),
	CONSTRAINT "care_dues_assessments_from" CHECK ("care_dues_assessments"."from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "care_dues_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"month" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"paid_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_dues_payments_fen" CHECK ("care_dues_payments"."amount_fen" > 0),
	CONSTRAINT "care_dues_payments_month" CHECK ("care_dues_payments"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "care_dues_reductions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"monthly_fen" integer NOT NULL,
	"approval_ref" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_dues_reductions_fen" CHECK ("care_dues_reductions"."monthly_fen" >= 0),
	CONSTRAINT "care_dues_reductions_months" CHECK ("care_dues_reductions"."from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "care_dues_reductions"."to_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "care_dues_reductions"."from_month" <= "care_dues_reductions"."to_month")
);
--> statement-breakpoint
CREATE TABLE "care_ledger_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"member_id" uuid,
	"person_name" text,
	"kind" text NOT NULL,
	"category" text,
	"on_date" date NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"survey_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_ledger_events_kind" CHECK ("care_ledger_events"."kind" in ('opened', 'changed', 'confirmed', 'closed')),
	CONSTRAINT "care_ledger_events_category" CHECK ("care_ledger_events"."category" is null or "care_ledger_events"."category" in ('old-member', 'difficulty', 'died-on-duty-family', 'hospitalized', 'disaster', 'bereaved', 'pre-1949'))
);
--> statement-breakpoint
CREATE TABLE "care_medal_awards" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"awarded_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"title" text NOT NULL,
	"member_id" uuid,
	"stage" text DEFAULT 'nominated' NOT NULL,
	"refs" jsonb NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_nominations_title" CHECK ("care_nominations"."title" in ('outstanding-member', 'party-worker', 'advanced-org')),
	CONSTRAINT "care_nominations_stage" CHECK ("care_nominations"."stage" in ('nominated', 'vetted', 'noticed', 'approved', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "care_survey_branches" (
	"survey_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"confirmed_on" date,
	"confirmed_by" uuid,
	CONSTRAINT "care_survey_branches_survey_id_org_id_pk" PRIMARY KEY("survey_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "care_surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"deadline" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_surveys_dates" CHECK ("care_surveys"."starts_on" <= "care_surveys"."deadline")
);
--> statement-breakpoint
CREATE TABLE "care_visit_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"festival" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"festival_on" date NOT NULL,
	"deadline" date NOT NULL,
	"budget_fen" integer NOT NULL,
	"fund_source" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_visit_plans_festival" CHECK ("care_visit_plans"."festival" in ('new-year', 'spring-festival', 'july-1', 'custom')),
	CONSTRAINT "care_visit_plans_fen" CHECK ("care_visit_plans"."budget_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "care_visit_targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"entry_id" uuid,
	"member_id" uuid,
	"person_name" text NOT NULL,
	"categories" jsonb NOT NULL,
	"leader" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitors" jsonb NOT NULL,
	"help" text DEFAULT '' NOT NULL,
	"amount_fen" integer NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_visits_fen" CHECK ("care_visits"."amount_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "care_commendation_campaigns" ADD CONSTRAINT "care_commendation_campaigns_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_commendation_campaigns" ADD CONSTRAINT "care_commendation_campaigns_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_commendation_quotas" ADD CONSTRAINT "care_commendation_quotas_campaign_id_care_commendation_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."care_commendation_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_commendation_quotas" ADD CONSTRAINT "care_commendation_quotas_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_assessments" ADD CONSTRAINT "care_dues_assessments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_assessments" ADD CONSTRAINT "care_dues_assessments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_payments" ADD CONSTRAINT "care_dues_payments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_payments" ADD CONSTRAINT "care_dues_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_reductions" ADD CONSTRAINT "care_dues_reductions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_reductions" ADD CONSTRAINT "care_dues_reductions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_ledger_events" ADD CONSTRAINT "care_ledger_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_ledger_events" ADD CONSTRAINT "care_ledger_events_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_ledger_events" ADD CONSTRAINT "care_ledger_events_survey_id_care_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."care_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_ledger_events" ADD CONSTRAINT "care_ledger_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_medal_awards" ADD CONSTRAINT "care_medal_awards_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_medal_awards" ADD CONSTRAINT "care_medal_awards_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_nominations" ADD CONSTRAINT "care_nominations_campaign_id_care_commendation_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."care_commendation_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_nominations" ADD CONSTRAINT "care_nominations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_nominations" ADD CONSTRAINT "care_nominations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_nominations" ADD CONSTRAINT "care_nominations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_survey_branches" ADD CONSTRAINT "care_survey_branches_survey_id_care_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."care_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_survey_branches" ADD CONSTRAINT "care_survey_branches_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_survey_branches" ADD CONSTRAINT "care_survey_branches_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_surveys" ADD CONSTRAINT "care_surveys_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_surveys" ADD CONSTRAINT "care_surveys_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visit_plans" ADD CONSTRAINT "care_visit_plans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visit_plans" ADD CONSTRAINT "care_visit_plans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visit_targets" ADD CONSTRAINT "care_visit_targets_plan_id_care_visit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."care_visit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visit_targets" ADD CONSTRAINT "care_visit_targets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visit_targets" ADD CONSTRAINT "care_visit_targets_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_plan_id_care_visit_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."care_visit_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_target_id_care_visit_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."care_visit_targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_dues_assessments_member_year" ON "care_dues_assessments" USING btree ("member_id","year");--> statement-breakpoint
CREATE INDEX "care_dues_payments_member_month" ON "care_dues_payments" USING btree ("member_id","month");--> statement-breakpoint
CREATE INDEX "care_dues_reductions_member" ON "care_dues_reductions" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "care_ledger_events_entry" ON "care_ledger_events" USING btree ("entry_id","seq");--> statement-breakpoint
CREATE INDEX "care_ledger_events_org" ON "care_ledger_events" USING btree ("org_id","on_date");--> statement-breakpoint
CREATE INDEX "care_nominations_campaign" ON "care_nominations" USING btree ("campaign_id","org_id");--> statement-breakpoint
CREATE INDEX "care_visit_targets_plan" ON "care_visit_targets" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_visits_target" ON "care_visits" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "care_visits_plan" ON "care_visits" USING btree ("plan_id");