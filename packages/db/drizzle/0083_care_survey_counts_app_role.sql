-- A survey's stored counts (0077) are written by their triggers only. Two holes are closed:
-- - A new survey's counts start at 0, whatever the INSERT gives: its branch rows reference it, so none can exist
--   yet, and their own triggers count them as they are written. A restore inserted the archived counts and then the
--   branch rows, whose triggers counted them a second time (a restored survey showed 2 of 2 branches confirmed
--   for 1 of 1); any writer could set them at will.
-- - The app role (xianfeng_app) may not UPDATE care_surveys: the app never does (a survey is written once), and
--   the counts' triggers and the organizations' move run as their owner. A column a future feature edits is granted
--   back by name (GRANT UPDATE ("deadline") …), never the counts.
CREATE FUNCTION "xf_care_surveys_counts_start"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.branch_count := 0;
  NEW.confirmed_count := 0;
  NEW.branches_elsewhere := 0;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "care_surveys_counts_start" BEFORE INSERT ON "care_surveys"
  FOR EACH ROW EXECUTE FUNCTION "xf_care_surveys_counts_start"();--> statement-breakpoint
REVOKE UPDATE ON "care_surveys" FROM xianfeng_app;
