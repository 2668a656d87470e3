CREATE TABLE "discipline_compliance_index" (
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"basis" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"recheck_on" date NOT NULL,
	"months" jsonb NOT NULL,
	CONSTRAINT "discipline_compliance_index_pkey" PRIMARY KEY("org_id","year"),
	CONSTRAINT "discipline_compliance_index_months" CHECK (jsonb_array_length("discipline_compliance_index"."months") = 12)
);
--> statement-breakpoint
ALTER TABLE "discipline_compliance_index" ADD CONSTRAINT "discipline_compliance_index_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;