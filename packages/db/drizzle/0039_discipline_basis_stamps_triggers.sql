-- The basis stamps of the compliance index (discipline_basis_stamps): every insert, update or delete of a sitting
-- (discipline_meetings) or a heart-to-heart talk (discipline_talks) bumps the stamp of each (organization, year)
-- it touches — for an update, the year it leaves and the year it enters — in the same statement, whoever writes
-- (the API, the import, the demo's bulk load, plain SQL). Statement triggers with transition tables: a bulk load
-- of thousands of sittings bumps each (organization, year) once. A row belongs to its own organization (the same
-- rule as 0004), and the writer of a sitting has its organization in scope, so the bump passes row-level security.
ALTER TABLE "discipline_basis_stamps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "discipline_basis_stamps_scope" ON "discipline_basis_stamps"
  USING (xf_system() OR xf_org_in_scope("org_id"));--> statement-breakpoint
CREATE FUNCTION "xf_discipline_basis_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO discipline_basis_stamps AS s (org_id, year)
      SELECT DISTINCT org_id, extract(year FROM on_date)::integer FROM xf_new_rows
      ON CONFLICT (org_id, year) DO UPDATE SET stamp = s.stamp + 1, updated_at = now();
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO discipline_basis_stamps AS s (org_id, year)
      SELECT org_id, extract(year FROM on_date)::integer FROM xf_new_rows
      UNION SELECT org_id, extract(year FROM on_date)::integer FROM xf_old_rows
      ON CONFLICT (org_id, year) DO UPDATE SET stamp = s.stamp + 1, updated_at = now();
  ELSE
    INSERT INTO discipline_basis_stamps AS s (org_id, year)
      SELECT DISTINCT org_id, extract(year FROM on_date)::integer FROM xf_old_rows
      ON CONFLICT (org_id, year) DO UPDATE SET stamp = s.stamp + 1, updated_at = now();
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "discipline_meetings_basis_insert" AFTER INSERT ON "discipline_meetings"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_basis_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_meetings_basis_update" AFTER UPDATE ON "discipline_meetings"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_basis_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_meetings_basis_delete" AFTER DELETE ON "discipline_meetings"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_basis_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_talks_basis_insert" AFTER INSERT ON "discipline_talks"
  REFERENCING NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_basis_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_talks_basis_update" AFTER UPDATE ON "discipline_talks"
  REFERENCING OLD TABLE AS xf_old_rows NEW TABLE AS xf_new_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_basis_bump"();--> statement-breakpoint
CREATE TRIGGER "discipline_talks_basis_delete" AFTER DELETE ON "discipline_talks"
  REFERENCING OLD TABLE AS xf_old_rows FOR EACH STATEMENT EXECUTE FUNCTION "xf_discipline_basis_bump"();
