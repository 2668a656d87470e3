CREATE TABLE "discipline_basis_stamps" (
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"stamp" bigint DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discipline_basis_stamps_pkey" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
DROP INDEX "discipline_meetings_org_idx";--> statement-breakpoint
DROP INDEX "discipline_talks_org_idx";--> statement-breakpoint
ALTER TABLE "discipline_basis_stamps" ADD CONSTRAINT "discipline_basis_stamps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discipline_meetings_org_basis_idx" ON "discipline_meetings" USING btree ("org_id","on_date","version","recorded_at");--> statement-breakpoint
CREATE INDEX "discipline_talks_org_basis_idx" ON "discipline_talks" USING btree ("org_id","on_date","version","recorded_at");--> statement-breakpoint
CREATE INDEX "members_org_full_idx" ON "members" USING btree ("org_id") WHERE "members"."stage" = 'full';