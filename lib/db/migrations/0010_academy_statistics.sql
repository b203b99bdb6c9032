CREATE TABLE "academy_statistics" (
	"academy_id" text NOT NULL,
	"level" "level" NOT NULL,
	"phase" "phase" NOT NULL,
	"counts" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "academy_statistics_academy_id_level_phase_pk" PRIMARY KEY("academy_id","level","phase")
);
--> statement-breakpoint
ALTER TABLE "academy_statistics" ADD CONSTRAINT "academy_statistics_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE cascade ON UPDATE no action;