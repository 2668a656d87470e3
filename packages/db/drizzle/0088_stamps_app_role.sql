-- The stamps that say a stored answer is stale (the study hours' per member, 0042; the dues' per member and per
-- organization, 0047, 0056, 0074) are written by their triggers alone, which run as the owner (SECURITY DEFINER).
-- The app role only reads them: it is refused every write of them, as the stored counts are (0083, 0086), so no
-- statement of the API can make a stale stored year read as fresh (setting a stamp back to the one stored with it).
REVOKE INSERT, UPDATE, DELETE ON "education_study_stamps" FROM xianfeng_app;--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON "care_dues_stamps" FROM xianfeng_app;--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON "care_dues_org_stamps" FROM xianfeng_app;
