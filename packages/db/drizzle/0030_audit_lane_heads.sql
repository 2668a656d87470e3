CREATE TABLE "audit_lane_heads" (
	"lane" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
