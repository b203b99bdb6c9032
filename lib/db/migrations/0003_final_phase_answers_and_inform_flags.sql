-- R-SCH-9 per phase: the "famille à informer" flag leaves school_acknowledgements for its own
-- table keyed by (student, phase), so that the final phase's proposals can raise it too. The
-- provisional flags already set (or cleared with who and when) move over unchanged.
CREATE TABLE "school_family_to_inform" (
	"student_id" uuid NOT NULL,
	"phase" "phase" NOT NULL,
	"to_inform" boolean NOT NULL,
	"flagged_at" timestamp with time zone NOT NULL,
	"informed_at" timestamp with time zone,
	"informed_by_name" text,
	CONSTRAINT "school_family_to_inform_student_id_phase_pk" PRIMARY KEY("student_id","phase"),
	CONSTRAINT "family_informed_pair" CHECK (("school_family_to_inform"."informed_at" is null) = ("school_family_to_inform"."informed_by_name" is null))
);
--> statement-breakpoint
ALTER TABLE "school_family_to_inform" ADD CONSTRAINT "school_family_to_inform_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_family_to_inform_pending" ON "school_family_to_inform" USING btree ("student_id") WHERE "school_family_to_inform"."to_inform";--> statement-breakpoint
INSERT INTO "school_family_to_inform" ("student_id", "phase", "to_inform", "flagged_at", "informed_at", "informed_by_name")
SELECT "student_id", 'provisional', "family_to_inform", coalesce("family_informed_at", "received_at"),
       CASE WHEN "family_to_inform" THEN NULL ELSE "family_informed_at" END,
       CASE WHEN "family_to_inform" THEN NULL ELSE "family_informed_by_name" END
  FROM "school_acknowledgements"
 WHERE "family_to_inform" OR ("family_informed_at" IS NOT NULL AND "family_informed_by_name" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "school_acknowledgements" DROP COLUMN "family_to_inform";--> statement-breakpoint
ALTER TABLE "school_acknowledgements" DROP COLUMN "family_informed_at";--> statement-breakpoint
ALTER TABLE "school_acknowledgements" DROP COLUMN "family_informed_by_name";--> statement-breakpoint
-- R-FIN-10: the school enters the answer and the agreements of a family that does not use the
-- online service; they are published to the family (source 'school', no account). An agreement
-- is keyed by the guardian (who may have no account), found from the account that gave it.
ALTER TABLE "family_answers" ADD COLUMN "source" "request_source" DEFAULT 'family' NOT NULL;--> statement-breakpoint
ALTER TABLE "family_answers" ALTER COLUMN "account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "family_answers" ADD CONSTRAINT "family_answer_source" CHECK (("family_answers"."source" = 'family') = ("family_answers"."account_id" is not null));--> statement-breakpoint
ALTER TABLE "family_agreements" ADD COLUMN "guardian_id" uuid;--> statement-breakpoint
UPDATE "family_agreements" f SET "guardian_id" = a."guardian_id" FROM "accounts" a WHERE a."id" = f."account_id";--> statement-breakpoint
DELETE FROM "family_agreements" WHERE "guardian_id" IS NULL;--> statement-breakpoint
ALTER TABLE "family_agreements" ALTER COLUMN "guardian_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "family_agreements" DROP CONSTRAINT "family_agreements_student_id_account_id_pk";--> statement-breakpoint
ALTER TABLE "family_agreements" ADD CONSTRAINT "family_agreements_student_id_guardian_id_pk" PRIMARY KEY("student_id","guardian_id");--> statement-breakpoint
ALTER TABLE "family_agreements" ADD CONSTRAINT "family_agreements_guardian_id_guardians_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardians"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_agreements" ADD COLUMN "source" "request_source" DEFAULT 'family' NOT NULL;--> statement-breakpoint
ALTER TABLE "family_agreements" ALTER COLUMN "account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "family_agreements" ADD CONSTRAINT "family_agreement_source" CHECK (("family_agreements"."source" = 'family') = ("family_agreements"."account_id" is not null));--> statement-breakpoint
ALTER TABLE "school_agreements" ADD COLUMN "source" "request_source" DEFAULT 'family' NOT NULL;
