CREATE TABLE "discipline_calendar_index" (
	"org_id" text PRIMARY KEY NOT NULL,
	"basis" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"recheck_on" date NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "discipline_calendar_index" ADD CONSTRAINT "discipline_calendar_index_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discipline_calendar_index_recheck_idx" ON "discipline_calendar_index" USING btree ("recheck_on");