-- Who is calling, in one statement (issue 18): the user, role and scope behind a session (by the hash of its
-- cookie's token) or a bearer token (by its hash), with the session's CSRF token and when it was last seen.
-- The API runs it as the first statement of each request's transaction, setting the transaction's scope path
-- from the row it returns (`withCaller`), instead of a transaction of its own (BEGIN, set xianfeng.system,
-- the join, COMMIT) before the request's.
-- SECURITY DEFINER: it runs as the owner, whom row-level security does not bind, so it finds the caller's
-- user and org rows before any scope is known — what `asSystem` did — and nothing else: it answers only for
-- the hash it is given. search_path is pinned so no other schema can stand in for these tables. PL/pgSQL, not
-- SQL: a SQL function that cannot be inlined (SECURITY DEFINER, SET) is planned again on every call, while
-- PL/pgSQL keeps its plan for the life of the connection.
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
  last_seen_at timestamptz
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  (SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.path, o.name, s.csrf_token, s.last_seen_at
     FROM sessions s
     JOIN users u ON u.id = s.user_id
     JOIN orgs o ON o.id = u.org_id
    WHERE p_session_id IS NOT NULL AND s.id = p_session_id AND s.expires_at > p_now
      AND s.last_seen_at > p_idle_since AND NOT u.disabled)
  UNION ALL
  (SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.path, o.name, NULL::text, NULL::timestamptz
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
