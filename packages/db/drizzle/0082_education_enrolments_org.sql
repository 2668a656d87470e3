-- An enrolment carries its member's organization (issue 18). "The classes that enrol a member of this subtree" — who
-- sees a class from below (0036) — walked every enrolment of every class and looked its member up: at the
-- 1,000,000-member province the committee officer's class list took 11.7 s as the owner and 86 s as xianfeng_app
-- (833,871 enrolment look-ups a page). Now it is one range of ("org_id", "class_id") per organization of the scope.
-- Filled from the members for the rows there are.
ALTER TABLE "education_enrolments" ADD COLUMN "org_id" text;--> statement-breakpoint
UPDATE "education_enrolments" AS e SET "org_id" = m."org_id" FROM "members" AS m WHERE m."id" = e."member_id";--> statement-breakpoint
ALTER TABLE "education_enrolments" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "education_enrolments_org_class_idx" ON "education_enrolments" USING btree ("org_id","class_id");--> statement-breakpoint
ANALYZE "education_enrolments";
--> statement-breakpoint
-- The column decides who sees a class, so the database keeps it true whoever writes: a statement that writes an
-- enrolment whose org_id is not its member's organization fails (checked once a statement over the rows it wrote,
-- so a load by COPY pays one join, not a look-up a row), and a member written into another organization takes
-- their enrolments along in the same statement (as their pipeline steps, 0078). Both run as their owner.
CREATE FUNCTION "xf_education_enrolments_org_check"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  bad record;
BEGIN
  SELECT r.member_id, r.org_id INTO bad
    FROM xf_rows r LEFT JOIN members m ON m.id = r.member_id
   WHERE m.org_id IS DISTINCT FROM r.org_id
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'education_enrolments.org_id % is not the organization of member %', bad.org_id, bad.member_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'education_enrolments_org';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "education_enrolments_org_insert" AFTER INSERT ON "education_enrolments"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_enrolments_org_check"();--> statement-breakpoint
CREATE TRIGGER "education_enrolments_org_update" AFTER UPDATE ON "education_enrolments"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_enrolments_org_check"();--> statement-breakpoint
CREATE FUNCTION "xf_education_enrolments_org"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE education_enrolments AS e SET org_id = r.org_id
    FROM xf_rows r
    WHERE e.member_id = r.id AND e.org_id <> r.org_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "members_education_enrolments_org_update" AFTER UPDATE ON "members"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_enrolments_org"();--> statement-breakpoint
-- The policies read the column. A class is read by the scope when it organizes it or enrols one of its members: the
-- second is now a set, the classes enrolling a member of the scope, computed once a statement by a function that
-- runs as the owner (the enrolments' own policy reads the classes; the function keeps the two from calling each
-- other, as xf_class_enrols_in_scope did) instead of a walk of each class's enrolments per class row. The one-class
-- test (the sessions' policy, through xf_class_visible) reads the column instead of joining the members. An
-- enrolment is read by the scope holding its member's organization (the set form of 0081) or its class's organizer.
CREATE FUNCTION "xf_classes_enrolling_in_scope"() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT DISTINCT e.class_id FROM education_enrolments e
   WHERE e.org_id IN (SELECT o.id FROM orgs o WHERE xf_path_in_scope(o.path))
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_classes_enrolling_in_scope"() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_classes_enrolling_in_scope"() TO xianfeng_app;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "xf_class_enrols_in_scope"(p_class uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM education_enrolments e JOIN orgs o ON o.id = e.org_id
     WHERE e.class_id = p_class AND xf_path_in_scope(o.path)
  );
END
$$;--> statement-breakpoint
ALTER POLICY education_classes_read ON education_classes USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)) OR "id" IN (SELECT xf_classes_enrolling_in_scope())));--> statement-breakpoint
ALTER POLICY education_enrolments_read ON education_enrolments USING ((xf_system() OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path)) OR EXISTS (
    SELECT 1 FROM "education_classes" c WHERE c.id = "education_enrolments"."class_id" AND c.org_id IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))
  )));
