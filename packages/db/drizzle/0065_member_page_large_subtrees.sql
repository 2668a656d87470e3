-- A page of a large subtree in pinyin order (issue 18): `xf_member_page` sorted every member of the subtree to
-- return 50 (800–900 ms for a province's district admin at any page, 380 ms for a committee of 56,837), because no
-- index served the list's order. Migration `members_pinyin_order_idx` adds one on (name_pinyin, id); this one
-- lets the page use it where that is faster, and keeps the small subtrees' plan:
--   * The function's statements are planned once per connection and then kept as a generic plan, made without
--     knowing the subtree's path: one plan for a branch of 76 and a district of 1,000,000. Walking the order index
--     suits the district (stop after the page) and is ruinous for the branch (walk the whole index to find its 76);
--     sorting the subtree's members suits the branch and costs the district a sort of every member.
--   * So the page is read by one of two statements, chosen by the subtree's stored total (already read for the
--     page's total): up to 2,000 members, the static statement as before, whose ORDER BY names
--     `m.name_pinyin || ''` (the same value and collation, so the same order) so that no cached plan can walk
--     the order index; above 2,000, the same query through EXECUTE … USING, planned anew on every call with the
--     path and stage it is given (a fraction of a millisecond), so the planner sees how much of the table the
--     subtree is and walks the index for a district or a large committee.
-- Same signature, rows, totals and grants as custom migration `member_org_counts_triggers` gave it.
CREATE OR REPLACE FUNCTION "xf_member_page"(
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
$$;
