CREATE TABLE "education_attendance" (
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "education_attendance_pkey" PRIMARY KEY("session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "education_classes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"title" text NOT NULL,
	"audience_kind" text NOT NULL,
	"audience_value" text DEFAULT '' NOT NULL,
	"centralized" boolean DEFAULT true NOT NULL,
	"closed_at" timestamp with time zone,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "education_classes_audience" CHECK ("education_classes"."audience_kind" in ('subtree', 'post', 'category', 'list'))
);
--> statement-breakpoint
CREATE TABLE "education_enrolments" (
	"class_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "education_enrolments_pkey" PRIMARY KEY("class_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "education_exemptions" (
	"member_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"reason" text NOT NULL,
	"study_brought" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "education_exemptions_pkey" PRIMARY KEY("member_id","year"),
	CONSTRAINT "education_exemptions_reason" CHECK ("education_exemptions"."reason" in ('old', 'frail', 'ill'))
);
--> statement-breakpoint
CREATE TABLE "education_online" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"title" text NOT NULL,
	"on_date" date NOT NULL,
	"start_minute" integer,
	"end_minute" integer,
	"tenths" integer NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "education_online_tenths" CHECK ("education_online"."tenths" > 0 and "education_online"."tenths" <= 160)
);
--> statement-breakpoint
CREATE TABLE "education_roles" (
	"member_id" uuid NOT NULL,
	"role" text NOT NULL,
	"since" date NOT NULL,
	CONSTRAINT "education_roles_pkey" PRIMARY KEY("member_id","role"),
	CONSTRAINT "education_roles_role" CHECK ("education_roles"."role" in ('secretary', 'deputy-secretary', 'committee-member', 'new-two-committees', 'new-member', 'development-object'))
);
--> statement-breakpoint
CREATE TABLE "education_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"class_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"on_date" date NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"tenths" integer NOT NULL,
	CONSTRAINT "education_sessions_span" CHECK ("education_sessions"."start_minute" >= 0 and "education_sessions"."end_minute" <= 1440 and "education_sessions"."end_minute" > "education_sessions"."start_minute" and "education_sessions"."tenths" > 0)
);
--> statement-breakpoint
CREATE TABLE "forum_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"post_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "forum_attachments_size" CHECK ("forum_attachments"."size" > 0 and "forum_attachments"."size" <= 2097152)
);
--> statement-breakpoint
CREATE TABLE "forum_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"thread_id" uuid,
	"org_id" text NOT NULL,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"search_text" text NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"hidden_reason" text,
	"hidden_by" uuid,
	"hidden_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "education_attendance" ADD CONSTRAINT "education_attendance_session_id_education_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."education_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_attendance" ADD CONSTRAINT "education_attendance_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_classes" ADD CONSTRAINT "education_classes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_classes" ADD CONSTRAINT "education_classes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_enrolments" ADD CONSTRAINT "education_enrolments_class_id_education_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."education_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_enrolments" ADD CONSTRAINT "education_enrolments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_exemptions" ADD CONSTRAINT "education_exemptions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_exemptions" ADD CONSTRAINT "education_exemptions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_online" ADD CONSTRAINT "education_online_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_online" ADD CONSTRAINT "education_online_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_roles" ADD CONSTRAINT "education_roles_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_sessions" ADD CONSTRAINT "education_sessions_class_id_education_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."education_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_attachments" ADD CONSTRAINT "forum_attachments_post_id_forum_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."forum_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "education_attendance_member_idx" ON "education_attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "education_classes_org_idx" ON "education_classes" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "education_enrolments_member_idx" ON "education_enrolments" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "education_online_member_idx" ON "education_online" USING btree ("member_id","on_date");--> statement-breakpoint
CREATE INDEX "education_sessions_class_idx" ON "education_sessions" USING btree ("class_id","on_date");--> statement-breakpoint
CREATE INDEX "forum_attachments_post_idx" ON "forum_attachments" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "forum_posts_thread_idx" ON "forum_posts" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "forum_posts_recent_idx" ON "forum_posts" USING btree ("created_at");