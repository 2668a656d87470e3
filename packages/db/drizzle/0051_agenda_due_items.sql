CREATE TABLE "development_pipeline_items" (
	"member_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"step" text NOT NULL,
	"state" text NOT NULL,
	"due_by" date NOT NULL,
	CONSTRAINT "development_pipeline_items_pkey" PRIMARY KEY("member_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "discipline_calendar_items" (
	"org_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"obligation" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text NOT NULL,
	"due_by" date NOT NULL,
	"citations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "discipline_calendar_items_pkey" PRIMARY KEY("org_id","ordinal")
);
--> statement-breakpoint
ALTER TABLE "development_pipeline_items" ADD CONSTRAINT "development_pipeline_items_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."development_pipeline_index"("member_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discipline_calendar_items" ADD CONSTRAINT "discipline_calendar_items_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."discipline_calendar_index"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_pipeline_items_due_idx" ON "development_pipeline_items" USING btree ("due_by","member_id","ordinal");--> statement-breakpoint
CREATE INDEX "discipline_calendar_items_due_idx" ON "discipline_calendar_items" USING btree ("due_by","org_id","ordinal");