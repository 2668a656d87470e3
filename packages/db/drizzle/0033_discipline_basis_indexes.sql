DROP INDEX "discipline_meetings_org_idx";--> statement-breakpoint
DROP INDEX "discipline_talks_org_idx";--> statement-breakpoint
CREATE INDEX "discipline_meetings_org_basis_idx" ON "discipline_meetings" USING btree ("org_id","on_date","version","recorded_at");--> statement-breakpoint
CREATE INDEX "discipline_talks_org_basis_idx" ON "discipline_talks" USING btree ("org_id","on_date","version","recorded_at");--> statement-breakpoint
CREATE INDEX "members_org_full_idx" ON "members" USING btree ("org_id") WHERE "members"."stage" = 'full';