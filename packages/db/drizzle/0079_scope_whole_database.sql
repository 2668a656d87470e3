-- Row-level security at the district's root (issue 18; docs/security.md "What the role costs"). Every policy of
-- 0004 and after reads `xf_system() OR <the row's organization is in the scope>`, and the second half is a call of
-- xf_org_in_scope (or an EXISTS over the member's or class's row that calls it) per row: a SQL function with a
-- sub-select, which PostgreSQL cannot inline, about 12-15 µs a row. A district admin's whole-tree read at the
-- province's size (1,000,000 members) paid it for every row it scanned: 10-30× the owner's time.
--
-- When the scope's path is the path of the database's only root organization, every organization lies in the
-- scope (a path is its parent's path plus a segment), and every row of every policy above names one (their
-- organization and member columns are NOT NULL and foreign keys): the scope sees every row, as system work does.
-- xf_set_scope sets the transaction's scope as set_config did, and marks the transaction `xianfeng.scope_whole` =
-- on when the scope is that root; xf_system(), still a plain SQL expression the planner inlines, is true for it,
-- so such a transaction's policies cost a setting look-up per row. A database holding two districts (or a scope
-- below the root) keeps the per-row check: there the mark is off.
--
-- The roots are read when the scope is set, by the owner (SECURITY DEFINER, as xf_caller: row-level security
-- would show the caller only its own district's root), through orgs_parent_idx. The mark is transaction-local,
-- like the scope path, and is the same kind of claim: the API sets both, and a role that could set either by hand
-- could set the scope path to the root already. A second district added while such a transaction runs is seen by
-- it until it ends (the queries' own scope condition, the first wall, still holds).
CREATE FUNCTION "xf_set_scope"(p_path text) RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_whole boolean;
BEGIN
  SELECT coalesce(array_agg(o.path) = ARRAY[p_path], false) INTO v_whole FROM orgs o WHERE o.parent_id IS NULL;
  PERFORM set_config('xianfeng.scope_whole', CASE WHEN v_whole THEN 'on' ELSE 'off' END, true);
  RETURN set_config('xianfeng.scope_path', p_path, true);
END
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_set_scope"(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_set_scope"(text) TO xianfeng_app;--> statement-breakpoint
-- Every row: system work (sign-in look-ups, `asSystem`), or a scope that holds the whole database.
CREATE OR REPLACE FUNCTION "xf_system"() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('xianfeng.system', true) = 'on', false)
    OR coalesce(current_setting('xianfeng.scope_whole', true) = 'on', false)
$$;--> statement-breakpoint
-- The one-statement member reads (0050, 0065) set the scope themselves: they take the mark with it, unchanged
-- otherwise.
CREATE OR REPLACE FUNCTION "xf_member_read"(p_epoch bigint, p_scope text, p_condition boolean, p_id uuid)
 RETURNS TABLE(moved bigint, mem members, org orgs)
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_epoch bigint;
BEGIN
  SELECT e.n INTO v_epoch FROM auth_epoch e WHERE e.id = 1;
  IF v_epoch IS DISTINCT FROM p_epoch THEN
    RETURN QUERY SELECT coalesce(v_epoch, -1), NULL::members, NULL::orgs;
    RETURN;
  END IF;
  PERFORM xf_set_scope(p_scope);
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
$function$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION "xf_member_page"(p_epoch bigint, p_scope text, p_condition boolean, p_org text, p_stage text, p_limit integer, p_offset integer)
 RETURNS TABLE(moved bigint, mem members, org orgs, total bigint)
 LANGUAGE plpgsql
AS $function$
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
  PERFORM xf_set_scope(p_scope);
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
    SELECT coalesce(sum(c.n), 0)::bigint INTO v_total
      FROM orgs o
      JOIN member_org_counts c ON c.org_id = o.id
     WHERE (o.path = v_within OR (o.path ~>=~ (v_within || '.') AND o.path ~<~ (v_within || '/')))
       AND (p_stage IS NULL OR c.stage = p_stage);
    IF v_total > 2000 THEN
      RETURN QUERY EXECUTE
        'SELECT NULL::bigint, m, o, $5
           FROM members m
           JOIN orgs o ON o.id = m.org_id
          WHERE (o.path = $1 OR (o.path ~>=~ ($1 || ''.'') AND o.path ~<~ ($1 || ''/'')))
            AND ($2::text IS NULL OR m.stage = $2)
          ORDER BY m.name_pinyin, m.id
          LIMIT $3 OFFSET $4'
        USING v_within, p_stage, p_limit, p_offset, v_total;
    ELSE
      RETURN QUERY
        SELECT NULL::bigint, m, o, v_total
          FROM members m
          JOIN orgs o ON o.id = m.org_id
         WHERE (o.path = v_within OR (o.path ~>=~ (v_within || '.') AND o.path ~<~ (v_within || '/')))
           AND (p_stage IS NULL OR m.stage = p_stage)
         ORDER BY m.name_pinyin || '', m.id
         LIMIT p_limit OFFSET p_offset;
    END IF;
  ELSE
    -- Row-level security alone (the test switch): the stored counts it shows are the scope's, as the members.
    SELECT coalesce(sum(c.n), 0)::bigint INTO v_total
      FROM member_org_counts c
     WHERE p_stage IS NULL OR c.stage = p_stage;
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
$function$;
