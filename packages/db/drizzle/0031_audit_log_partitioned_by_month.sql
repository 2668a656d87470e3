-- The audit log partitioned by month (docs/security.md, "Retention and partitioning of the audit log"): range
-- partitions on `at`, one per UTC month, so the retention job removes a month by detaching and dropping its
-- partition. The partitions live in the schema audit_partitions, on which xianfeng_app has no privilege at all:
-- the API reaches the rows only through audit_log (SELECT, INSERT), cannot address a partition, and cannot
-- detach or drop one (only the owner can). A partitioned table's keys must hold the partition key, so the primary
-- key becomes (seq, at); seq still comes from the one sequence.
--
-- A month's partition is created on demand, without a scheduler: xf_audit_partition(at), run as the owner
-- (SECURITY DEFINER) and callable by xianfeng_app, creates the partition of at's month and of the month after
-- when missing, so normally a month's partition exists a month before its first row. It creates the table on its
-- own and ATTACHes it, which locks audit_log only in SHARE UPDATE EXCLUSIVE mode: concurrent inserts and reads
-- go on. It can create partitions, never drop or change one. There is no DEFAULT partition: a row of a month
-- without a partition is refused rather than parked where a later partition could not be created over it.
CREATE SCHEMA IF NOT EXISTS "audit_partitions";--> statement-breakpoint
REVOKE ALL ON SCHEMA "audit_partitions" FROM PUBLIC;--> statement-breakpoint
ALTER TABLE "audit_log" RENAME TO "audit_log_unpartitioned";--> statement-breakpoint
ALTER TABLE "audit_log_unpartitioned" RENAME CONSTRAINT "audit_log_pkey" TO "audit_log_unpartitioned_pkey";--> statement-breakpoint
ALTER INDEX "audit_log_object_idx" RENAME TO "audit_log_unpartitioned_object_idx";--> statement-breakpoint
ALTER INDEX "audit_log_at_idx" RENAME TO "audit_log_unpartitioned_at_idx";--> statement-breakpoint
ALTER INDEX "audit_log_lane_idx" RENAME TO "audit_log_unpartitioned_lane_idx";--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint DEFAULT nextval('"audit_log_seq_seq"'::regclass) NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"action" text NOT NULL,
	"object_type" text,
	"object_id" text,
	"result" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"lane" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq", "at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE "audit_log_seq_seq" OWNED BY "audit_log"."seq";--> statement-breakpoint
CREATE INDEX "audit_log_object_idx" ON "audit_log" USING btree ("object_type", "object_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_lane_idx" ON "audit_log" USING btree ("lane", "seq");--> statement-breakpoint
-- The row trigger of a partitioned table is cloned onto every partition; TRUNCATE of a partition named directly
-- does not fire the parent's statement trigger, so xf_audit_partition gives each partition its own.
CREATE TRIGGER "audit_log_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "audit_log_read" ON "audit_log" FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY "audit_log_append" ON "audit_log" FOR INSERT WITH CHECK (true);--> statement-breakpoint
REVOKE ALL ON "audit_log" FROM xianfeng_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_log" TO xianfeng_app;--> statement-breakpoint
CREATE FUNCTION "xf_audit_partition"(p_at timestamptz) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  month timestamp := date_trunc('month', p_at AT TIME ZONE 'UTC');
  existed boolean;
  first timestamp;
  name text;
BEGIN
  IF p_at IS NULL OR p_at < '1970-01-01T00:00:00Z' OR p_at >= '2200-01-01T00:00:00Z' THEN
    RAISE EXCEPTION 'no audit partition for %', p_at USING ERRCODE = 'invalid_parameter_value';
  END IF;
  existed := to_regclass('audit_partitions.' || quote_ident(to_char(month, '"audit_log_y"YYYY"m"MM'))) IS NOT NULL;
  FOR i IN 0..1 LOOP
    first := month + make_interval(months => i);
    name := to_char(first, '"audit_log_y"YYYY"m"MM');
    IF to_regclass('audit_partitions.' || quote_ident(name)) IS NULL THEN
      -- One creator at a time; the second finds the first's partition once the first committed.
      PERFORM pg_advisory_xact_lock(1481982288); -- "XFAP"
      IF to_regclass('audit_partitions.' || quote_ident(name)) IS NULL THEN
        EXECUTE format('CREATE TABLE audit_partitions.%I (LIKE public.audit_log INCLUDING DEFAULTS)', name);
        EXECUTE format(
          'ALTER TABLE public.audit_log ATTACH PARTITION audit_partitions.%I FOR VALUES FROM (%L) TO (%L)',
          name,
          to_char(first, 'YYYY-MM-DD"T00:00:00Z"'),
          to_char(first + interval '1 month', 'YYYY-MM-DD"T00:00:00Z"'));
        EXECUTE format(
          'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_partitions.%I'
          ' FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_append_only()', name);
      END IF;
    END IF;
  END LOOP;
  RETURN existed;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "xf_audit_partition"(timestamptz) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "xf_audit_partition"(timestamptz) TO xianfeng_app;--> statement-breakpoint
-- The months that hold rows, and this month, each with the month after.
SELECT "xf_audit_partition"(m) FROM (
  SELECT DISTINCT date_trunc('month', "at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM "audit_log_unpartitioned"
  UNION SELECT now()
) months;--> statement-breakpoint
INSERT INTO "audit_log" ("seq", "at", "actor_id", "actor_role", "action", "object_type", "object_id", "result",
  "details", "prev_hash", "hash", "lane")
SELECT "seq", "at", "actor_id", "actor_role", "action", "object_type", "object_id", "result", "details",
  "prev_hash", "hash", "lane"
FROM "audit_log_unpartitioned" ORDER BY "seq";--> statement-breakpoint
DROP TABLE "audit_log_unpartitioned";--> statement-breakpoint
-- Each lane's head: its newest row, or the anchor retention left when it removed the whole lane, or genesis.
INSERT INTO "audit_lane_heads" ("lane", "seq", "hash")
SELECT l, coalesce(h."seq", 0), coalesce(h."hash", repeat('0', 64))
FROM generate_series(0, 7) l
LEFT JOIN LATERAL (
  SELECT "seq", "hash" FROM "audit_log" WHERE "lane" = l
  UNION ALL SELECT "seq", "hash" FROM "audit_anchors" WHERE "lane" = l
  ORDER BY 1 DESC LIMIT 1
) h ON true;--> statement-breakpoint
REVOKE INSERT, DELETE, TRUNCATE ON "audit_lane_heads" FROM xianfeng_app;
