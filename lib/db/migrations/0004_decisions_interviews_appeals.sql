-- R-FIN-8/9/11/12: decisions with their source, three reasons and notice (day of receipt, channel),
-- the interview's participants and outcome, the appeal's dates and the commission's voie; their
-- family-side copies; the académie's affectation link; guardians whose civility is unknown; outbox
-- rows that must leave on a given day (docs/decisions/009-decisions-and-appeal-deadline.md).
-- Nothing wrote decisions, interviews or appeals before this migration: refuse rather than guess.
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "decisions") OR EXISTS (SELECT 1 FROM "interviews") OR EXISTS (SELECT 1 FROM "appeals") OR EXISTS (SELECT 1 FROM "family_published_decisions") THEN
    RAISE EXCEPTION 'decisions, interviews or appeals hold rows written before migration 0004: move them by hand';
  END IF;
END $$;--> statement-breakpoint
CREATE TYPE "public"."decision_source" AS ENUM('agreement', 'head', 'commission');--> statement-breakpoint
CREATE TYPE "public"."interview_outcome" AS ENUM('agreement', 'disagreement');--> statement-breakpoint
CREATE TYPE "public"."notice_channel" AS ENUM('email', 'paper');--> statement-breakpoint
ALTER TYPE "public"."outbox_status" ADD VALUE 'expired';--> statement-breakpoint
CREATE TABLE "family_published_appeals" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"requested_on" date NOT NULL,
	"commission_date" date,
	"outcome" "appeal_outcome" NOT NULL,
	"commission_track" text,
	"commission_sub_track" text DEFAULT '' NOT NULL,
	"commission_decided_at" timestamp with time zone,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_published_interviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"participants" text NOT NULL,
	"outcome" "interview_outcome" NOT NULL,
	"agreed_track" text,
	"agreed_sub_track" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeals" DROP CONSTRAINT "appeal_decided";--> statement-breakpoint
ALTER TABLE "decisions" DROP CONSTRAINT "decision_reasons";--> statement-breakpoint
ALTER TABLE "guardians" ALTER COLUMN "civility" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "academies" ADD COLUMN "affectation_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "source" "decision_source" NOT NULL;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "reason_knowledge" text;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "reason_abilities" text;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "reason_interests" text;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "notified_on" date;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "notice_channel" "notice_channel";--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "decided_by_name" text NOT NULL;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD COLUMN "maintien_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "requested_on" date NOT NULL;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "commission_date" date;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "commission_track" text;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "commission_sub_track" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "commission_notes" text;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "commission_entered_by_name" text;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "updated_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "source" "decision_source" NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "reason_knowledge" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "reason_abilities" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "reason_interests" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "notified_on" date;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "notice_channel" "notice_channel";--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "maintien_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "maintien_by_name" text;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "participants" text NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "outcome" "interview_outcome" NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "agreed_track" text;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "agreed_sub_track" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "entered_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "updated_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD COLUMN "send_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "family_published_appeals" ADD CONSTRAINT "family_published_appeals_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_published_interviews" ADD CONSTRAINT "family_published_interviews_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "family_published_interviews_student" ON "family_published_interviews" USING btree ("student_id");--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeal_decided" CHECK (("appeals"."outcome" = 'pending') = ("appeals"."commission_decided_at" is null) and ("appeals"."outcome" = 'pending') = ("appeals"."commission_track" is null) and ("appeals"."outcome" = 'pending') = ("appeals"."commission_entered_by_name" is null));--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decision_notice" CHECK (("decisions"."notified_on" is null) = ("decisions"."notice_channel" is null));--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decision_deadline" CHECK (("decisions"."appeal_deadline" is not null) = ("decisions"."differs_from_request" and "decisions"."notified_on" is not null and "decisions"."source" <> 'commission'));--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decision_maintien_pair" CHECK (("decisions"."maintien_at" is null) = ("decisions"."maintien_by_name" is null));--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decision_reasons" CHECK (not "decisions"."differs_from_request" or (coalesce("decisions"."reason_knowledge", '') <> '' and coalesce("decisions"."reason_abilities", '') <> '' and coalesce("decisions"."reason_interests", '') <> ''));--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interview_agreed_track" CHECK (("interviews"."outcome" = 'agreement') = ("interviews"."agreed_track" is not null));--> statement-breakpoint
ALTER TABLE "family_published_decisions" DROP COLUMN "reasons";--> statement-breakpoint
ALTER TABLE "appeals" DROP COLUMN "requested_at";--> statement-breakpoint
ALTER TABLE "appeals" DROP COLUMN "commission_decision";--> statement-breakpoint
ALTER TABLE "decisions" DROP COLUMN "reasons";