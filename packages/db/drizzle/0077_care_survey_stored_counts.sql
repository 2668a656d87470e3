-- Each survey's branches counted where they are written (issue 18): the agenda and the care dashboard counted a
-- survey's branches in the caller's scope by joining every branch row to its organization (29,801 rows for a
-- province-wide survey, ~11 ms of every district agenda read). care_surveys now keeps, by triggers:
-- - branch_count, confirmed_count: its branch rows and those with a confirmation (care_survey_branches' statement
--   triggers, from the rows each statement inserted, updated or deleted);
-- - branches_elsewhere: its branch rows whose organization lies outside the running organization's subtree. A
--   survey is made over the subtree's branches, so this is 0 until an organization is moved (moveOrg rewrites the
--   paths of the moved subtree): a statement trigger on orgs counts it again for every survey with a branch or its
--   running organization among the organizations whose path changed.
-- With branches_elsewhere = 0, a caller whose scope holds the running organization has every branch in scope and
-- reads the two counts; any other caller counts its branch rows as before. The functions run as their owner
-- (SECURITY DEFINER), as the other counters' triggers, and write only these columns. A confirmation now also
-- updates its survey's row, so two branches confirming the same survey at once wait for each other's commit.
ALTER TABLE "care_surveys" ADD COLUMN "branch_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "care_surveys" ADD COLUMN "confirmed_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "care_surveys" ADD COLUMN "branches_elsewhere" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE FUNCTION "xf_path_under"(p text, root text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p = root OR (p ~>=~ (root || '.') AND p ~<~ (root || '/'))
$$;--> statement-breakpoint
CREATE FUNCTION "xf_care_survey_branches_counted"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE care_surveys s SET
        branch_count = s.branch_count + d.n,
        confirmed_count = s.confirmed_count + d.c,
        branches_elsewhere = s.branches_elsewhere + d.e
      FROM (
        SELECT b.survey_id, count(*)::int AS n, count(b.confirmed_on)::int AS c,
               count(*) FILTER (WHERE NOT xf_path_under(o.path, so.path))::int AS e
          FROM xf_new b
          JOIN care_surveys t ON t.id = b.survey_id
          JOIN orgs so ON so.id = t.org_id
          JOIN orgs o ON o.id = b.org_id
         GROUP BY b.survey_id
      ) d
     WHERE s.id = d.survey_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE care_surveys s SET
        branch_count = s.branch_count - d.n,
        confirmed_count = s.confirmed_count - d.c,
        branches_elsewhere = s.branches_elsewhere - d.e
      FROM (
        SELECT b.survey_id, count(*)::int AS n, count(b.confirmed_on)::int AS c,
               count(*) FILTER (WHERE NOT xf_path_under(o.path, so.path))::int AS e
          FROM xf_old b
          JOIN care_surveys t ON t.id = b.survey_id
          JOIN orgs so ON so.id = t.org_id
          JOIN orgs o ON o.id = b.org_id
         GROUP BY b.survey_id
      ) d
     WHERE s.id = d.survey_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "care_survey_branches_counted_insert" AFTER INSERT ON "care_survey_branches"
  REFERENCING NEW TABLE AS xf_new
  FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_survey_branches_counted"();--> statement-breakpoint
CREATE TRIGGER "care_survey_branches_counted_update" AFTER UPDATE ON "care_survey_branches"
  REFERENCING OLD TABLE AS xf_old NEW TABLE AS xf_new
  FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_survey_branches_counted"();--> statement-breakpoint
CREATE TRIGGER "care_survey_branches_counted_delete" AFTER DELETE ON "care_survey_branches"
  REFERENCING OLD TABLE AS xf_old
  FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_survey_branches_counted"();--> statement-breakpoint
-- A survey's branches outside its running organization's subtree, counted afresh.
CREATE FUNCTION "xf_care_survey_elsewhere"(survey uuid) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::int
    FROM care_survey_branches b
    JOIN care_surveys t ON t.id = b.survey_id
    JOIN orgs so ON so.id = t.org_id
    JOIN orgs o ON o.id = b.org_id
   WHERE b.survey_id = survey AND NOT xf_path_under(o.path, so.path)
$$;--> statement-breakpoint
CREATE FUNCTION "xf_care_surveys_org_moved"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM xf_new n JOIN xf_old o ON o.id = n.id WHERE o.path IS DISTINCT FROM n.path) THEN
    RETURN NULL;
  END IF;
  UPDATE care_surveys s SET branches_elsewhere = xf_care_survey_elsewhere(s.id)
   WHERE s.id IN (
     SELECT b.survey_id FROM care_survey_branches b
       JOIN xf_new n ON n.id = b.org_id JOIN xf_old o ON o.id = n.id
      WHERE o.path IS DISTINCT FROM n.path
     UNION
     SELECT t.id FROM care_surveys t
       JOIN xf_new n ON n.id = t.org_id JOIN xf_old o ON o.id = n.id
      WHERE o.path IS DISTINCT FROM n.path
   );
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "orgs_care_surveys_moved_update" AFTER UPDATE ON "orgs"
  REFERENCING OLD TABLE AS xf_old NEW TABLE AS xf_new
  FOR EACH STATEMENT EXECUTE FUNCTION "xf_care_surveys_org_moved"();--> statement-breakpoint
-- A survey given another running organization (nothing does that today) counts its branches elsewhere again.
CREATE FUNCTION "xf_care_survey_org_changed"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE care_surveys s SET branches_elsewhere = xf_care_survey_elsewhere(s.id) WHERE s.id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "care_surveys_org_changed" AFTER UPDATE OF "org_id" ON "care_surveys"
  FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id)
  EXECUTE FUNCTION "xf_care_survey_org_changed"();--> statement-breakpoint
UPDATE care_surveys s SET
    branch_count = d.n,
    confirmed_count = d.c,
    branches_elsewhere = d.e
  FROM (
    SELECT b.survey_id, count(*)::int AS n, count(b.confirmed_on)::int AS c,
           count(*) FILTER (WHERE NOT xf_path_under(o.path, so.path))::int AS e
      FROM care_survey_branches b
      JOIN care_surveys t ON t.id = b.survey_id
      JOIN orgs so ON so.id = t.org_id
      JOIN orgs o ON o.id = b.org_id
     GROUP BY b.survey_id
  ) d
 WHERE s.id = d.survey_id;
