ALTER TABLE "discipline_calendar_index" ADD COLUMN "head" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "discipline_calendar_index" ADD COLUMN "marks" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "discipline_calendar_index" ADD COLUMN "marks_seen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "discipline_calendar_index_evaluated_idx" ON "discipline_calendar_index" USING btree ("evaluated_on");--> statement-breakpoint
CREATE INDEX "discipline_calendar_index_head_idx" ON "discipline_calendar_index" USING btree ("head");--> statement-breakpoint
CREATE INDEX "discipline_calendar_index_marked_idx" ON "discipline_calendar_index" USING btree ("org_id") WHERE "discipline_calendar_index"."marks" <> "discipline_calendar_index"."marks_seen";