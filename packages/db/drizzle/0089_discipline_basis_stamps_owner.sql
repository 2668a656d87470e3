-- The compliance index's basis stamps (discipline_basis_stamps, 0038) are written by 0039's statement triggers on
-- every write of a sitting or a heart-to-heart talk. The trigger ran as the caller, so the app role had to be able
-- to write the stamps, and one statement of the API could set a stamp back to the one a stored year was computed
-- with, making a stale stored answer (the heatmap, the year's compliance) read as fresh. The function now runs as its
-- owner, as the other stamps' triggers do (0042, 0047, 0056, 0074), and the app role only reads the stamps (as 0088
-- for the study and dues stamps). It writes only organization ids and years taken from the rows the statement wrote,
-- whose own policies the writer has already passed.
ALTER FUNCTION "xf_discipline_basis_bump"() SECURITY DEFINER SET search_path = public, pg_temp;--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON "discipline_basis_stamps" FROM xianfeng_app;
