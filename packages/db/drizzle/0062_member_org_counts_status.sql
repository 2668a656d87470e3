ALTER TABLE "member_org_counts" ADD COLUMN "status" text NOT NULL;--> statement-breakpoint
ALTER TABLE "member_org_counts" DROP CONSTRAINT "member_org_counts_pkey";
--> statement-breakpoint
ALTER TABLE "member_org_counts" ADD CONSTRAINT "member_org_counts_pkey" PRIMARY KEY("org_id","stage","status");