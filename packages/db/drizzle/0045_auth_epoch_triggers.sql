-- The authentication epoch (issue 18): an API process may cache who is behind a session or a bearer token only
-- because every change that could make the database answer differently moves this one counter, in the
-- transaction that makes the change. The request's first statement reads the counter (the same statement sets
-- its scope); a cached caller read under another value is not used (docs/security.md "The caller cache").
INSERT INTO "auth_epoch" ("id", "n") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The API's role reads the counter and never sets it: only the triggers below (as the owner) move it, so no
-- statement the API runs can put it back to a value a stale cache entry was read under.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "auth_epoch" FROM xianfeng_app;--> statement-breakpoint
GRANT SELECT ON "auth_epoch" TO xianfeng_app;--> statement-breakpoint
CREATE FUNCTION "xf_auth_epoch_bump"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE auth_epoch SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_auth_epoch_bump"() FROM PUBLIC;--> statement-breakpoint
-- Sessions: ended (sign-out, password change, role change, disable, MFA change all delete them) or moved to
-- another user or expiry. last_seen_at (the sliding idle timeout, written once a minute) does not count: a
-- cache re-reads a session it touched.
CREATE TRIGGER "sessions_auth_epoch_delete" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
CREATE TRIGGER "sessions_auth_epoch_update" AFTER UPDATE ON "sessions"
  FOR EACH ROW WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.csrf_token IS DISTINCT FROM NEW.csrf_token
    OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
CREATE TRIGGER "sessions_auth_epoch_truncate" AFTER TRUNCATE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
CREATE TRIGGER "api_tokens_auth_epoch_delete" AFTER DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
CREATE TRIGGER "api_tokens_auth_epoch_update" AFTER UPDATE ON "api_tokens"
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.user_id IS DISTINCT FROM NEW.user_id
    OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
  EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
-- Users: everything the caller row carries or that decides whether it is returned, and the password and
-- second factor (whose changes also end the sessions). failed_logins and locked_until do not: they are read
-- at sign-in only.
CREATE TRIGGER "users_auth_epoch_delete" AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
CREATE TRIGGER "users_auth_epoch_update" AFTER UPDATE ON "users"
  FOR EACH ROW WHEN (OLD.username IS DISTINCT FROM NEW.username OR OLD.display_name IS DISTINCT FROM NEW.display_name
    OR OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.role IS DISTINCT FROM NEW.role
    OR OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.disabled IS DISTINCT FROM NEW.disabled
    OR OLD.mfa_secret IS DISTINCT FROM NEW.mfa_secret OR OLD.member_id IS DISTINCT FROM NEW.member_id
    OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
-- Orgs: a caller's scope is its org's path, and the caller row carries the org's name.
CREATE TRIGGER "orgs_auth_epoch_delete" AFTER DELETE ON "orgs"
  FOR EACH ROW EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
CREATE TRIGGER "orgs_auth_epoch_update" AFTER UPDATE ON "orgs"
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path OR OLD.name IS DISTINCT FROM NEW.name
    OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION xf_auth_epoch_bump();--> statement-breakpoint
-- xf_caller also answers when the session expires and the epoch its answer was read under (one snapshot: a
-- STABLE function's query sees the calling statement's), so a cache can keep the session no longer than the
-- database would and knows which epoch its entry belongs to.
DROP FUNCTION "xf_caller"(text, text, timestamptz, timestamptz);--> statement-breakpoint
CREATE FUNCTION "xf_caller"(
  p_session_id text,
  p_token_hash text,
  p_now timestamptz,
  p_idle_since timestamptz
) RETURNS TABLE (
  user_id uuid,
  username text,
  display_name text,
  role text,
  org_id text,
  org_path text,
  org_name text,
  csrf_token text,
  last_seen_at timestamptz,
  expires_at timestamptz,
  epoch text
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  (SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.path, o.name, s.csrf_token, s.last_seen_at,
          s.expires_at, (SELECT e.n::text FROM auth_epoch e WHERE e.id = 1)
     FROM sessions s
     JOIN users u ON u.id = s.user_id
     JOIN orgs o ON o.id = u.org_id
    WHERE p_session_id IS NOT NULL AND s.id = p_session_id AND s.expires_at > p_now
      AND s.last_seen_at > p_idle_since AND NOT u.disabled)
  UNION ALL
  (SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.path, o.name, NULL::text, NULL::timestamptz,
          NULL::timestamptz, (SELECT e.n::text FROM auth_epoch e WHERE e.id = 1)
     FROM api_tokens t
     JOIN users u ON u.id = t.user_id
     JOIN orgs o ON o.id = u.org_id
    WHERE p_token_hash IS NOT NULL AND t.token_hash = p_token_hash AND t.revoked_at IS NULL AND NOT u.disabled)
  LIMIT 1;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "xf_caller"(text, text, timestamptz, timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_caller"(text, text, timestamptz, timestamptz) TO xianfeng_app;
