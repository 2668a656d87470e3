-- Retention of the audit log (docs/security.md, "Retention of the audit log"). The log stays append-only for
-- everyone, with one exception: the owner's retention job (`pruneAuditLog`) may delete the oldest rows of a
-- lane, in a transaction that first recorded the lane's anchor (the last row removed) in audit_anchors and set
-- `xianfeng.audit_prune` — and only rows written before the anchor's cut, up to the anchor's seq. The kept rows
-- then verify from the anchors. xianfeng_app has no DELETE on audit_log (0004) and only reads audit_anchors.
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('xianfeng.audit_prune', true) = 'on' AND EXISTS (
    SELECT 1 FROM "audit_anchors" a
     WHERE a.lane = OLD.lane AND OLD.seq <= a.seq AND OLD.at < a.cut_at
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE FUNCTION "audit_anchors_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_anchors is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_anchors_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_anchors"
  FOR EACH ROW EXECUTE FUNCTION "audit_anchors_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_anchors_no_truncate" BEFORE TRUNCATE ON "audit_anchors"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_anchors_append_only"();--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "audit_anchors" FROM xianfeng_app;
