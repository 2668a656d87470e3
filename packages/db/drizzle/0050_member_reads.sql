-- A cached caller's member reads in one statement each (issue 18; docs/security.md "The caller cache"). A request
-- whose caller the API process has cached used to run BEGIN, the epoch check that sets the scope, the read and
-- COMMIT. Each function below does the same in one call, sent as one statement outside any transaction block, so
-- PostgreSQL runs it as a transaction of its own:
--   1. reads the authentication epoch; if it is not the one the cached caller was read under, it sets nothing,
--      reads nothing and answers one row whose "moved" is the epoch it found (the API then looks the caller up);
--   2. sets the scope row-level security reads, transaction-locally (set_config(…, true)), so it ends with the
--      statement and never outlives the request on a pooled connection;
--   3. runs the read as its own statement, after the scope is set (a set_config in the same statement as the
--      read would have no guaranteed order before the policies' current_setting).
-- SECURITY INVOKER (the default): the reads run as the caller's role, so the policies bind them as any query of
-- the API's. p_condition false drops the query's own scope condition, leaving row-level security the one wall:
-- only the test switch of @xianfeng/db/testing passes it (withoutScopeCondition), as it does for every query.
-- The rows are returned as whole rows of members and orgs ("mem", "org"): @xianfeng/db selects the columns it
-- needs from them by name (the same selections as memberInScope and listMembersInScope), so a new column needs no
-- change here; what the functions decide — which rows, in which order — is compared with those queries over the
-- demo district by apps/api/test/one-statement-reads.test.ts.
CREATE FUNCTION "xf_member_read"(p_epoch bigint, p_scope text, p_condition boolean, p_id uuid)
RETURNS TABLE (moved bigint, mem members, org orgs)
LANGUAGE plpgsql AS $$
DECLARE
  v_epoch bigint;
BEGIN
  SELECT e.n INTO v_epoch FROM auth_epoch e WHERE e.id = 1;
  IF v_epoch IS DISTINCT FROM p_epoch THEN
    RETURN QUERY SELECT coalesce(v_epoch, -1), NULL::members, NULL::orgs;
    RETURN;
  END IF;
  PERFORM set_config('xianfeng.scope_path', p_scope, true);
  -- memberInScope: the member, joined with its org, if the org lies in the scope's subtree.
  RETURN QUERY
    SELECT NULL::bigint, m, o
      FROM members m
      JOIN orgs o ON o.id = m.org_id
     WHERE m.id = p_id
       AND (NOT p_condition
            OR o.path = p_scope OR (o.path ~>=~ (p_scope || '.') AND o.path ~<~ (p_scope || '/')))
     LIMIT 1;
END
$$;--> statement-breakpoint
-- One page of members (listMembersInScope without a text search) and the count of all that match, for the scope's
-- subtree or the subtree of p_org (which must lie in the scope). No row at all: p_org is missing or outside the
-- scope. Otherwise every row carries the total; a page past the end is one row with no member.
CREATE FUNCTION "xf_member_page"(
  p_epoch bigint,
  p_scope text,
  p_condition boolean,
  p_org text,
  p_stage text,
  p_limit integer,
  p_offset integer
) RETURNS TABLE (moved bigint, mem members, org orgs, total bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_epoch bigint;
  v_within text := p_scope;
  v_total bigint;
BEGIN
  SELECT e.n INTO v_epoch FROM auth_epoch e WHERE e.id = 1;
  IF v_epoch IS DISTINCT FROM p_epoch THEN
    RETURN QUERY SELECT coalesce(v_epoch, -1), NULL::members, NULL::orgs, NULL::bigint;
    RETURN;
  END IF;
  PERFORM set_config('xianfeng.scope_path', p_scope, true);
  -- withinOf: the org listed, if it lies in the scope's subtree.
  IF p_org IS NOT NULL THEN
    SELECT x.path INTO v_within
      FROM orgs x
     WHERE x.id = p_org
       AND (NOT p_condition
            OR x.path = p_scope OR (x.path ~>=~ (p_scope || '.') AND x.path ~<~ (p_scope || '/')))
     LIMIT 1;
    IF NOT FOUND THEN
      RETURN;
    END IF;
  END IF;
  -- The rows of v_within's subtree (a subtree of the scope's, so inside it). Two statements each: a condition
  -- switched by a parameter would leave a cached generic plan unable to use the path index.
  IF p_condition THEN
    SELECT count(*) INTO v_total
      FROM members m
      JOIN orgs o ON o.id = m.org_id
     WHERE (o.path = v_within OR (o.path ~>=~ (v_within || '.') AND o.path ~<~ (v_within || '/')))
       AND (p_stage IS NULL OR m.stage = p_stage);
    RETURN QUERY
      SELECT NULL::bigint, m, o, v_total
        FROM members m
        JOIN orgs o ON o.id = m.org_id
       WHERE (o.path = v_within OR (o.path ~>=~ (v_within || '.') AND o.path ~<~ (v_within || '/')))
         AND (p_stage IS NULL OR m.stage = p_stage)
       ORDER BY m.name_pinyin, m.id
       LIMIT p_limit OFFSET p_offset;
  ELSE
    SELECT count(*) INTO v_total
      FROM members m
      JOIN orgs o ON o.id = m.org_id
     WHERE p_stage IS NULL OR m.stage = p_stage;
    RETURN QUERY
      SELECT NULL::bigint, m, o, v_total
        FROM members m
        JOIN orgs o ON o.id = m.org_id
       WHERE p_stage IS NULL OR m.stage = p_stage
       ORDER BY m.name_pinyin, m.id
       LIMIT p_limit OFFSET p_offset;
  END IF;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::bigint, NULL::members, NULL::orgs, v_total;
  END IF;
END
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_member_read"(bigint, text, boolean, uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_member_read"(bigint, text, boolean, uuid) TO xianfeng_app;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_member_page"(bigint, text, boolean, text, text, integer, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_member_page"(bigint, text, boolean, text, text, integer, integer) TO xianfeng_app;
