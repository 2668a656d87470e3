-- An attendance row (签到) is read and written by the scope holding its member or its class's organizer (0016). The
-- policy tested the member first, per row (a look-up and a call of xf_org_in_scope, ~10 µs), and the class second,
-- per row again: a committee officer's class list, counting the person-times of its own class (479,780 rows at the
-- 1,000,000-member province), spent ~10 s in it as xianfeng_app. Now the organizer's sessions come first, as a set
-- (the sessions of the classes organized by an organization of the scope, hashed once a statement), so every row
-- of a class the scope organizes passes on a hash probe; the member's test stays as it was, for the rows of
-- classes seen from below (a branch's own members, few by what the app asks). Same rows visible and writable.
ALTER POLICY education_attendance_scope ON education_attendance USING ((xf_system() OR "session_id" IN (
    SELECT s.id FROM "education_sessions" s JOIN "education_classes" c ON c.id = s.class_id
     WHERE c.org_id IN (SELECT o.id FROM "orgs" o WHERE xf_path_in_scope(o.path))
  ) OR EXISTS (
    SELECT 1 FROM "members" m WHERE m.id = "education_attendance"."member_id" AND xf_org_in_scope(m.org_id)
  )));
