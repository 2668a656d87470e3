-- The stored member counts per organization and stage (member_org_counts, issue 18): the member list's total over
-- an organization subtree, with or without a stage, was `count(*)` over every member of the subtree under
-- row-level security on every page (up to 1,000,000 members for a province's district admin). It is now the sum of
-- these rows over the subtree's organizations, a few rows per organization.
--
-- Kept exact in the same statement as every write to `members`, whoever writes (the API, an import, a transfer,
-- the demo's bulk load by INSERT or by COPY — COPY FROM fires statement triggers with their transition tables
-- too —, a restore, plain SQL), by statement triggers with transition tables: a bulk load of thousands of rows
-- adds each (organization, stage) once per statement. What is counted:
--   insert: +1 for each new row's (org_id, stage);
--   delete: -1 for each old row's;
--   update: +1 for each new row's and -1 for each old row's, summed, and only the pairs whose sum is not 0 are
--     written — a move between organizations changes both, a stage change both stages, any other update nothing;
--   truncate: every count goes (no member is left).
-- Every status counts: the member list shows members of every status. Rows are upserted in key order
-- (org_id, stage), so two writers that touch the same organizations queue instead of deadlocking; a row whose
-- count fell to 0 stays. The function runs as its owner (SECURITY DEFINER), like the dues stamps': a member moved
-- out of the mover's scope must leave the old organization's count all the same. It writes only organization ids,
-- stages and counts. The API's role reads the rows (row-level security as the neighbours: the caller's scope)
-- and may not write them.
--
-- The triggers are created before the backfill: CREATE TRIGGER locks `members` against writes until the
-- migration commits, so no write falls between the two. The backfill is one set-based INSERT … SELECT … GROUP BY.
--
-- `xf_member_page` (custom migration `member_reads`) is replaced, with the same signature and grants: its total
-- is the sum of the stored counts of the organizations in the subtree (through the path index on orgs) for the
-- stage. Its page of rows is read as before. Every other count of members (a text search, an export, the
-- development pipeline's counts of status normal) still counts the members themselves.
ALTER TABLE "member_org_counts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "member_org_counts_scope" ON "member_org_counts"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
GRANT SELECT ON "member_org_counts" TO xianfeng_app;--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "member_org_counts" FROM xianfeng_app;--> statement-breakpoint
CREATE FUNCTION "xf_member_org_counts_apply"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO member_org_counts AS c (org_id, stage, n)
      SELECT r.org_id, r.stage, count(*) FROM xf_new_rows r
        GROUP BY r.org_id, r.stage
        ORDER BY r.org_id, r.stage
      ON CONFLICT (org_id, stage) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO member_org_counts AS c (org_id, stage, n)
      SELECT r.org_id, r.stage, -count(*) FROM xf_old_rows r
        GROUP BY r.org_id, r.stage
        ORDER BY r.org_id, r.stage
      ON CONFLICT (org_id, stage) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO member_org_counts AS c (org_id, stage, n)
      SELECT d.org_id, d.stage, sum(d.n)
        FROM (SELECT r.org_id, r.stage, 1 AS n FROM xf_new_rows r
              UNION ALL
              SELECT r.org_id, r.stage, -1 AS n FROM xf_old_rows r) d
        GROUP BY d.org_id, d.stage
        HAVING sum(d.n) <> 0
        ORDER BY d.org_id, d.stage
      ON CONFLICT (org_id, stage) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    DELETE FROM member_org_counts;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "members_org_counts_insert" AFTER INSERT ON "members"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_member_org_counts_apply"();--> statement-breakpoint
CREATE TRIGGER "members_org_counts_update" AFTER UPDATE ON "members"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_member_org_counts_apply"();--> statement-breakpoint
CREATE TRIGGER "members_org_counts_delete" AFTER DELETE ON "members"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_member_org_counts_apply"();--> statement-breakpoint
CREATE TRIGGER "members_org_counts_truncate" AFTER TRUNCATE ON "members"
  FOR EACH STATEMENT EXECUTE FUNCTION "xf_member_org_counts_apply"();--> statement-breakpoint
INSERT INTO "member_org_counts" ("org_id", "stage", "n")
  SELECT m.org_id, m.stage, count(*) FROM "members" m GROUP BY m.org_id, m.stage;--> statement-breakpoint
-- One page of members (listMembersInScope without a text search) and the count of all that match, for the scope's
-- subtree or the subtree of p_org (which must lie in the scope). No row at all: p_org is missing or outside the
-- scope. Otherwise every row carries the total; a page past the end is one row with no member. The total is the
-- sum of the stored counts (member_org_counts) of the organizations of the subtree, for p_stage when given: the
-- same number as count(*) over the members, which the page's filters (organization subtree and stage, every
-- status) allow.
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
    RETURN QUERY
      SELECT NULL::bigint, m, o, v_total
        FROM members m
        JOIN orgs o ON o.id = m.org_id
       WHERE (o.path = v_within OR (o.path ~>=~ (v_within || '.') AND o.path ~<~ (v_within || '/')))
         AND (p_stage IS NULL OR m.stage = p_stage)
       ORDER BY m.name_pinyin, m.id
       LIMIT p_limit OFFSET p_offset;
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
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_member_page"(bigint, text, boolean, text, text, integer, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_member_page"(bigint, text, boolean, text, text, integer, integer) TO xianfeng_app;
