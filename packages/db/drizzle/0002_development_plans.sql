CREATE TABLE "development_plans" (
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"total" integer NOT NULL,
	"allocations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "development_plans_pkey" PRIMARY KEY("org_id","year"),
	CONSTRAINT "development_plans_total" CHECK ("development_plans"."total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "district_policies" (
	"org_id" text NOT NULL,
	"area" text NOT NULL,
	"overlay" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "district_policies_pkey" PRIMARY KEY("org_id","area")
);
--> statement-breakpoint
ALTER TABLE "development_plans" ADD CONSTRAINT "development_plans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_plans" ADD CONSTRAINT "development_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_policies" ADD CONSTRAINT "district_policies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district_policies" ADD CONSTRAINT "district_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;