CREATE TABLE "care_dues_subtree_collections" (
	"org_id" text NOT NULL,
	"month" text NOT NULL,
	"snap" "pg_snapshot" NOT NULL,
	"owing" integer NOT NULL,
	"unpaid" integer NOT NULL,
	CONSTRAINT "care_dues_subtree_collections_pkey" PRIMARY KEY("org_id","month"),
	CONSTRAINT "care_dues_subtree_collections_month" CHECK ("care_dues_subtree_collections"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "care_dues_org_stamps" ADD COLUMN "moved" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "care_dues_subtree_collections" ADD CONSTRAINT "care_dues_subtree_collections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_dues_org_stamps_moved_idx" ON "care_dues_org_stamps" USING btree ("moved");