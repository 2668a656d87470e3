-- The pipeline's steps carry the member's organization (issue 18): a committee's agenda looked up the person and the
-- organization of every step in the province's window to keep its own (~50 ms at a province); now it matches the
-- steps' organizations with its own first (~12 ms), and a branch reads its own through ("org_id", "due_by"). Filled
-- from the members for the rows there are (a row stored for another version than the member's does not count
-- anyway, and is stored again when read).
ALTER TABLE "development_pipeline_items" ADD COLUMN "org_id" text;--> statement-breakpoint
UPDATE "development_pipeline_items" AS i SET "org_id" = m."org_id" FROM "members" AS m WHERE m."id" = i."member_id";--> statement-breakpoint
ALTER TABLE "development_pipeline_items" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "development_pipeline_items_org_due_idx" ON "development_pipeline_items" USING btree ("org_id","due_by");--> statement-breakpoint
ANALYZE "development_pipeline_items";
--> statement-breakpoint
-- A member written into another organization takes their stored steps along in the same statement, whoever writes
-- (the API moves a member at a new version, which leaves the row stale anyway, but an import, a transfer or plain
-- SQL may not), so a subtree's read by the steps' organization never misses a step that holds. A trigger of its own
-- beside the marks' (0070), which it does not depend on; it runs as its owner, as they do.
CREATE FUNCTION "xf_development_pipeline_items_org"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE development_pipeline_items AS i SET org_id = r.org_id
    FROM xf_rows r
    WHERE i.member_id = r.id AND i.org_id <> r.org_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "members_pipeline_items_org_update" AFTER UPDATE ON "members"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_development_pipeline_items_org"();
