CREATE TABLE "member_org_counts" (
	"org_id" text NOT NULL,
	"stage" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "member_org_counts_pkey" PRIMARY KEY("org_id","stage")
);
--> statement-breakpoint
ALTER TABLE "member_org_counts" ADD CONSTRAINT "member_org_counts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;