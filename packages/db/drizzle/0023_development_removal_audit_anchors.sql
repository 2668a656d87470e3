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
--> statement-breakpoint
ALTER TABLE "development_records" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "development_records" ADD COLUMN "removed_by" uuid;--> statement-breakpoint
ALTER TABLE "development_records" ADD COLUMN "removed_reason" text;--> statement-breakpoint
ALTER TABLE "development_records" ADD CONSTRAINT "development_records_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_records" ADD CONSTRAINT "development_records_removal" CHECK (("development_records"."removed_at" is null) = ("development_records"."removed_reason" is null));