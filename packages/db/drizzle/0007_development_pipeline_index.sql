CREATE TABLE "development_pipeline_index" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"member_version" integer NOT NULL,
	"evaluated_on" date NOT NULL,
	"recheck_on" date NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "development_pipeline_index" ADD CONSTRAINT "development_pipeline_index_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_pipeline_index_recheck_idx" ON "development_pipeline_index" USING btree ("recheck_on");