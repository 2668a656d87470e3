CREATE TABLE "care_dues_collections" (
	"org_id" text NOT NULL,
	"month" text NOT NULL,
	"stamp" bigint NOT NULL,
	"owing" integer NOT NULL,
	"unpaid" integer NOT NULL,
	CONSTRAINT "care_dues_collections_pkey" PRIMARY KEY("org_id","month"),
	CONSTRAINT "care_dues_collections_month" CHECK ("care_dues_collections"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "care_dues_org_stamps" (
	"org_id" text PRIMARY KEY NOT NULL,
	"stamp" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_dues_collections" ADD CONSTRAINT "care_dues_collections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_dues_org_stamps" ADD CONSTRAINT "care_dues_org_stamps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;