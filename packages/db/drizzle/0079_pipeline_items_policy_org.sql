-- Row-level security of the pipeline's steps by their own organization (issue 18): a step belongs to its stored
-- "org_id" (its member's, kept so by "xf_development_pipeline_items_org" of 0078 and by every write of the index),
-- as a calendar item belongs to its organization. The policy of 0052 looked up each step's member and then the
-- member's organization, a subplan per step: at a province the agenda's window under "xianfeng_app" took ~470 ms
-- for the district and ~130 ms for a committee. A read that joins the member (every read of the API does) still
-- passes the member's own policy, so a step stored under the wrong organization never shows its person.
DROP POLICY "development_pipeline_items_scope" ON "development_pipeline_items";--> statement-breakpoint
CREATE POLICY "development_pipeline_items_scope" ON "development_pipeline_items"
  USING (xf_system() OR xf_org_in_scope("org_id"));
