ALTER TABLE "development_pipeline_index" ADD COLUMN "marks" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "development_pipeline_index" ADD COLUMN "marks_seen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "development_pipeline_index_evaluated_idx" ON "development_pipeline_index" USING btree ("evaluated_on");--> statement-breakpoint
CREATE INDEX "development_pipeline_index_marked_idx" ON "development_pipeline_index" USING btree ("member_id") WHERE "development_pipeline_index"."marks" <> "development_pipeline_index"."marks_seen";