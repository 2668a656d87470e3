CREATE TABLE "development_activist_pool_analyses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"on_date" date NOT NULL,
	"analysed_by" text NOT NULL,
	"activists" integer NOT NULL,
	"problems" text NOT NULL,
	"measures" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "development_activist_pool_analyses_activists" CHECK ("development_activist_pool_analyses"."activists" >= 0)
);
--> statement-breakpoint
ALTER TABLE "development_activist_pool_analyses" ADD CONSTRAINT "development_activist_pool_analyses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_activist_pool_analyses" ADD CONSTRAINT "development_activist_pool_analyses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_activist_pool_analyses_org_idx" ON "development_activist_pool_analyses" USING btree ("org_id","on_date");