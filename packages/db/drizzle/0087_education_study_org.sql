-- The study-hours stamps and index carry their member's organization (issue 18), so their policies read the scope's
-- organizations as a set (as 0081's tables do) instead of an EXISTS over the member per row, each calling
-- xf_org_in_scope (not inlinable) twice, the members' own policy included. A committee officer's study statistics
-- at the 1,000,000-member province (79,141 members) read both tables for every member: the statement took 7.5 s
-- as xianfeng_app against 1.4-2.4 s as the owner. Filled from the members for the rows there are.
ALTER TABLE "education_study_index" ADD COLUMN "org_id" text;--> statement-breakpoint
ALTER TABLE "education_study_stamps" ADD COLUMN "org_id" text;--> statement-breakpoint
UPDATE "education_study_index" AS i SET "org_id" = m."org_id" FROM "members" AS m WHERE m."id" = i."member_id";--> statement-breakpoint
UPDATE "education_study_stamps" AS s SET "org_id" = m."org_id" FROM "members" AS m WHERE m."id" = s."member_id";--> statement-breakpoint
ALTER TABLE "education_study_index" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "education_study_stamps" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
-- The column decides who sees the row, so the database writes it, whoever writes the row: every row inserted or
-- updated takes its member's organization (a row trigger, as the owner; the stamps are written by the bump triggers
-- of 0042 only, a few rows a statement, and the index by a read that recomputes stale members). A member moved to
-- another organization takes their rows along in the same statement: the stamp through its bump (0042 bumps the
-- stamps of members whose org_id changed, and the bump's update passes this trigger), the index's rows by the
-- statement trigger below.
CREATE FUNCTION "xf_member_org_fill"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT m.org_id INTO NEW.org_id FROM members m WHERE m.id = NEW.member_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "education_study_index_org" BEFORE INSERT OR UPDATE ON "education_study_index"
  FOR EACH ROW EXECUTE FUNCTION "xf_member_org_fill"();--> statement-breakpoint
CREATE TRIGGER "education_study_stamps_org" BEFORE INSERT OR UPDATE ON "education_study_stamps"
  FOR EACH ROW EXECUTE FUNCTION "xf_member_org_fill"();--> statement-breakpoint
CREATE FUNCTION "xf_education_study_index_org"() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE education_study_index AS i SET org_id = r.org_id
    FROM xf_rows r
    WHERE i.member_id = r.id AND i.org_id <> r.org_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "members_education_study_index_org" AFTER UPDATE ON "members"
  REFERENCING NEW TABLE AS xf_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_education_study_index_org"();--> statement-breakpoint
ALTER POLICY "education_study_index_scope" ON "education_study_index" USING (
  (SELECT xf_system()) OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))
);--> statement-breakpoint
ALTER POLICY "education_study_stamps_scope" ON "education_study_stamps" USING (
  (SELECT xf_system()) OR "org_id" IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))
);
