-- A batch of the audit appender in one statement (issue 18). The process's audit appender used to write each
-- batch as BEGIN; lock a lane's head and read its hash; insert the rows and move the head; COMMIT — four round
-- trips on a pooled connection while every read of the batch waited. xf_audit_append does the same work in one
-- call, sent outside any transaction block, so PostgreSQL commits it as a transaction of its own:
--   1. locks the lane's head (FOR UPDATE SKIP LOCKED): if another transaction holds it (a writer's appendAudit,
--      another batch), it writes nothing and answers head NULL, and the appender tries another lane;
--   2. if the head is not p_prev — the hash the appender chained the rows from, as it last saw the lane — it writes
--      nothing and answers the head it found (seqs NULL): the appender chains the rows again from it;
--   3. makes sure the partitions of the rows' months exist (xf_audit_partition), draws one seq per row in order
--      under the lock, inserts the rows with each prev_hash linked to the row before (the first to the head), and
--      moves the head to the last row. Each row's hash is computed by @xianfeng/db (auditHash, over the canonical
--      JSON of its fields) and checked by verifyAuditChain like any other.
-- So the lane head row stays the one point of order: seq order within a lane is chain order, and batches, writers
-- and other processes share the lanes exactly as with the locking transaction (appendAuditBatch), which the
-- appender still falls back to. SECURITY INVOKER (the default): it needs only what xianfeng_app already has.
-- p_rows: a JSON array of {at, actorId, actorRole, action, objectType, objectId, result, details, hash}.
CREATE FUNCTION "xf_audit_append"(p_lane smallint, p_prev text, p_rows jsonb)
RETURNS TABLE (head text, seqs bigint[])
LANGUAGE plpgsql AS $$
DECLARE
  v_head text;
  v_n int := jsonb_array_length(p_rows);
  v_seqs bigint[];
BEGIN
  SELECT h.hash INTO v_head FROM audit_lane_heads h WHERE h.lane = p_lane FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::text, NULL::bigint[];
    RETURN;
  END IF;
  IF p_prev IS NULL OR v_head <> p_prev OR v_n = 0 THEN
    RETURN QUERY SELECT v_head, NULL::bigint[];
    RETURN;
  END IF;
  PERFORM xf_audit_partition(m)
     FROM (SELECT DISTINCT date_trunc('month', (e->>'at')::timestamptz, 'UTC') AS m
             FROM jsonb_array_elements(p_rows) e) months;
  v_seqs := ARRAY(SELECT s FROM (SELECT nextval('audit_log_seq_seq') AS s FROM generate_series(1, v_n)) d ORDER BY s);
  INSERT INTO audit_log (seq, lane, at, actor_id, actor_role, action, object_type, object_id, result, details, prev_hash, hash)
  SELECT v_seqs[r.i], p_lane, (r.e->>'at')::timestamptz, r.e->>'actorId', r.e->>'actorRole', r.e->>'action',
         r.e->>'objectType', r.e->>'objectId', r.e->>'result', coalesce(r.e->'details', '{}'::jsonb),
         lag(r.e->>'hash', 1, v_head) OVER (ORDER BY r.i), r.e->>'hash'
    FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS r(e, i);
  UPDATE audit_lane_heads SET seq = v_seqs[v_n], hash = p_rows->(v_n - 1)->>'hash' WHERE lane = p_lane;
  RETURN QUERY SELECT p_rows->(v_n - 1)->>'hash', v_seqs;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "xf_audit_append"(smallint, text, jsonb) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_audit_append"(smallint, text, jsonb) TO xianfeng_app;
