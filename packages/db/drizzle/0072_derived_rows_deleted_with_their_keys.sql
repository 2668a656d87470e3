ALTER TABLE "development_pipeline_index" DROP CONSTRAINT "development_pipeline_index_member_id_members_id_fk";
--> statement-breakpoint
ALTER TABLE "discipline_calendar_index" DROP CONSTRAINT "discipline_calendar_index_org_id_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "development_pipeline_index" ADD CONSTRAINT "development_pipeline_index_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_calendar_index" ADD CONSTRAINT "discipline_calendar_index_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;