-- The staleness checks of the pipeline and the compliance calendar start from the rows the triggers marked (issue 18):
-- `marks <> marks_seen` as a column, so that analyze counts how few they are; the bare comparison was estimated at
-- every row, and the calendar's check hashed a province's 31,987 organizations to meet none (8 ms of every agenda read).
DROP INDEX "development_pipeline_index_marked_idx";--> statement-breakpoint
DROP INDEX "discipline_calendar_index_marked_idx";--> statement-breakpoint
ALTER TABLE "development_pipeline_index" ADD COLUMN "marked" boolean GENERATED ALWAYS AS (marks <> marks_seen) STORED;--> statement-breakpoint
ALTER TABLE "discipline_calendar_index" ADD COLUMN "marked" boolean GENERATED ALWAYS AS (marks <> marks_seen) STORED;--> statement-breakpoint
CREATE INDEX "development_pipeline_index_marked_idx" ON "development_pipeline_index" USING btree ("member_id") WHERE "development_pipeline_index"."marked";--> statement-breakpoint
CREATE INDEX "discipline_calendar_index_marked_idx" ON "discipline_calendar_index" USING btree ("org_id") WHERE "discipline_calendar_index"."marked";--> statement-breakpoint
ANALYZE "development_pipeline_index";--> statement-breakpoint
ANALYZE "discipline_calendar_index";
