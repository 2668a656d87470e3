CREATE TABLE "development_trainings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"tenths" integer,
	"mode" text,
	"organizer" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "development_trainings_kind" CHECK ("development_trainings"."kind" in ('activist', 'development-object')),
	CONSTRAINT "development_trainings_span" CHECK ("development_trainings"."to_date" >= "development_trainings"."from_date"),
	CONSTRAINT "development_trainings_tenths" CHECK ("development_trainings"."tenths" is null or "development_trainings"."tenths" > 0)
);
--> statement-breakpoint
ALTER TABLE "development_trainings" ADD CONSTRAINT "development_trainings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_trainings" ADD CONSTRAINT "development_trainings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "development_trainings_member_kind_from" ON "development_trainings" USING btree ("member_id","kind","from_date");