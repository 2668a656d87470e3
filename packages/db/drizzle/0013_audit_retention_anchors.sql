CREATE TABLE "audit_anchors" (
	"cut_at" timestamp with time zone NOT NULL,
	"lane" smallint NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"rows" bigint NOT NULL,
	"archive" text NOT NULL,
	"pruned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_anchors_pkey" PRIMARY KEY("cut_at","lane")
);
