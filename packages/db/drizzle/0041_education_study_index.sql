CREATE TABLE "education_study_index" (
	"member_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"stamp" bigint NOT NULL,
	"basis" text NOT NULL,
	"present" boolean NOT NULL,
	"class_tenths" integer NOT NULL,
	"meeting_tenths" integer NOT NULL,
	"online_tenths" integer NOT NULL,
	"class_person_times" integer NOT NULL,
	"central" text[] NOT NULL,
	"months" integer[] NOT NULL,
	"foreign_orgs" text[],
	CONSTRAINT "education_study_index_pkey" PRIMARY KEY("member_id","year"),
	CONSTRAINT "education_study_index_months" CHECK (cardinality("education_study_index"."months") = 24)
);
--> statement-breakpoint
CREATE TABLE "education_study_stamps" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"stamp" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "education_study_index" ADD CONSTRAINT "education_study_index_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_study_stamps" ADD CONSTRAINT "education_study_stamps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;