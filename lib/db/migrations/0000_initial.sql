CREATE TYPE "public"."appeal_outcome" AS ENUM('pending', 'upheld', 'changed');--> statement-breakpoint
CREATE TYPE "public"."civility" AS ENUM('M.', 'Mme');--> statement-breakpoint
CREATE TYPE "public"."council_state" AS ENUM('planned', 'open');--> statement-breakpoint
CREATE TYPE "public"."family_answer_kind" AS ENUM('accept', 'refuse_all');--> statement-breakpoint
CREATE TYPE "public"."level" AS ENUM('3e', '2GT');--> statement-breakpoint
CREATE TYPE "public"."opinion_value" AS ENUM('favorable', 'reserve', 'defavorable');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."phase" AS ENUM('provisional', 'final');--> statement-breakpoint
CREATE TYPE "public"."proposal_kind" AS ENUM('answer_to_choice', 'extra');--> statement-breakpoint
CREATE TYPE "public"."request_source" AS ENUM('family', 'school');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('guardian', 'student', 'head', 'homeroom', 'saio', 'admin');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."term_mode" AS ENUM('trimester', 'semester');--> statement-breakpoint
CREATE TYPE "public"."yes_no" AS ENUM('yes', 'no');--> statement-breakpoint
CREATE TABLE "academies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"allow_track_details" boolean DEFAULT true NOT NULL,
	"allow_stage_passerelle" boolean DEFAULT false NOT NULL,
	"sender_email" text NOT NULL,
	"appeal_deadline_working_days" integer DEFAULT 3 NOT NULL,
	"appeal_commission_president" text DEFAULT '' NOT NULL,
	"appeal_commission_address" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeal_deadline_positive" CHECK ("academies"."appeal_deadline_working_days" between 1 and 30)
);
--> statement-breakpoint
CREATE TABLE "campaign_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"academy_id" text NOT NULL,
	"school_year" text NOT NULL,
	"level" "level" NOT NULL,
	"phase" "phase" NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_window_order" CHECK ("campaign_windows"."closes_at" > "campaign_windows"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "class_councils" (
	"division_id" uuid NOT NULL,
	"phase" "phase" NOT NULL,
	"state" "council_state" DEFAULT 'planned' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"opened_by_name" text,
	CONSTRAINT "class_councils_division_id_phase_pk" PRIMARY KEY("division_id","phase"),
	CONSTRAINT "council_open_has_date" CHECK ("class_councils"."state" = 'planned' or "class_councils"."opened_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"code" text NOT NULL,
	"level" "level" NOT NULL,
	"mef_code" text NOT NULL,
	"mef_label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_service_closures" (
	"school_id" uuid NOT NULL,
	"level" "level" NOT NULL,
	"phase" "phase" NOT NULL,
	"closed" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_name" text NOT NULL,
	CONSTRAINT "school_service_closures_school_id_level_phase_pk" PRIMARY KEY("school_id","level","phase")
);
--> statement-breakpoint
CREATE TABLE "school_signatures" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"mime_type" text NOT NULL,
	"image" "bytea" NOT NULL,
	"signatory_name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signature_mime" CHECK ("school_signatures"."mime_type" in ('image/png', 'image/jpeg'))
);
--> statement-breakpoint
CREATE TABLE "school_specialties" (
	"school_id" uuid NOT NULL,
	"specialty" text NOT NULL,
	CONSTRAINT "school_specialties_school_id_specialty_pk" PRIMARY KEY("school_id","specialty")
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uai" text NOT NULL,
	"academy_id" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"term_mode" "term_mode" DEFAULT 'trimester' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schools_uai_unique" UNIQUE("uai"),
	CONSTRAINT "uai_format" CHECK ("schools"."uai" ~ '^[0-9]{7}[A-Z]$')
);
--> statement-breakpoint
CREATE TABLE "guardians" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"civility" "civility" NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text
);
--> statement-breakpoint
CREATE TABLE "student_guardians" (
	"student_id" uuid NOT NULL,
	"guardian_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	CONSTRAINT "student_guardians_student_id_guardian_id_pk" PRIMARY KEY("student_id","guardian_id"),
	CONSTRAINT "guardian_rank" CHECK ("student_guardians"."rank" in (1, 2))
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ine" text NOT NULL,
	"school_id" uuid NOT NULL,
	"division_id" uuid NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"out_of_procedure_reason" text,
	"out_of_procedure_at" timestamp with time zone,
	CONSTRAINT "students_ine_unique" UNIQUE("ine"),
	CONSTRAINT "ine_format" CHECK ("students"."ine" ~ '^[0-9A-Z]{11}$'),
	CONSTRAINT "out_of_procedure_pair" CHECK (("students"."out_of_procedure_reason" is null) = ("students"."out_of_procedure_at" is null))
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"role" "role" NOT NULL,
	"display_name" text NOT NULL,
	"login" text,
	"password_hash" text,
	"email" text,
	"guardian_id" uuid,
	"student_id" uuid,
	"school_id" uuid,
	"academy_id" text,
	"delegated_by_head" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_login_unique" UNIQUE("login"),
	CONSTRAINT "account_scope" CHECK (
    ("accounts"."role" = 'guardian' and "accounts"."guardian_id" is not null and "accounts"."student_id" is null and "accounts"."school_id" is null and "accounts"."academy_id" is null)
    or ("accounts"."role" = 'student' and "accounts"."student_id" is not null and "accounts"."guardian_id" is null and "accounts"."school_id" is null and "accounts"."academy_id" is null)
    or ("accounts"."role" in ('head', 'homeroom') and "accounts"."school_id" is not null and "accounts"."guardian_id" is null and "accounts"."student_id" is null and "accounts"."academy_id" is null)
    or ("accounts"."role" = 'saio' and "accounts"."academy_id" is not null and "accounts"."guardian_id" is null and "accounts"."student_id" is null and "accounts"."school_id" is null)
    or ("accounts"."role" = 'admin' and "accounts"."guardian_id" is null and "accounts"."student_id" is null and "accounts"."school_id" is null and "accounts"."academy_id" is null)),
	CONSTRAINT "delegation_homeroom_only" CHECK (not "accounts"."delegated_by_head" or "accounts"."role" = 'homeroom')
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"account_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" text
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"changed_at" timestamp with time zone,
	CONSTRAINT "end_reason" CHECK ("auth_sessions"."end_reason" is null or "auth_sessions"."end_reason" in ('logout', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "homeroom_divisions" (
	"account_id" uuid NOT NULL,
	"division_id" uuid NOT NULL,
	CONSTRAINT "homeroom_divisions_account_id_division_id_pk" PRIMARY KEY("account_id","division_id")
);
--> statement-breakpoint
CREATE TABLE "oidc_identities" (
	"issuer" text NOT NULL,
	"subject" text NOT NULL,
	"account_id" uuid NOT NULL,
	"last_sign_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oidc_identities_issuer_subject_pk" PRIMARY KEY("issuer","subject")
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "family_acknowledgements" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"transferred_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "family_agreements" (
	"student_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"agrees" boolean NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"transferred_at" timestamp with time zone,
	CONSTRAINT "family_agreements_student_id_account_id_pk" PRIMARY KEY("student_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "family_answers" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"kind" "family_answer_kind" NOT NULL,
	"accepted_proposal_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"transferred_at" timestamp with time zone,
	CONSTRAINT "family_answer_accepts" CHECK (("family_answers"."kind" = 'accept') = (cardinality("family_answers"."accepted_proposal_ids") > 0))
);
--> statement-breakpoint
CREATE TABLE "family_published_decisions" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"rank" integer NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"free_text" text,
	"status_school" boolean DEFAULT false NOT NULL,
	"status_apprentice" boolean DEFAULT false NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage_passerelle" boolean DEFAULT false NOT NULL,
	"differs_from_request" boolean NOT NULL,
	"reasons" text,
	"appeal_deadline" date,
	"decided_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_published_opinions" (
	"student_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"free_text" text,
	"status_school" boolean DEFAULT false NOT NULL,
	"status_apprentice" boolean DEFAULT false NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage_passerelle" boolean DEFAULT false NOT NULL,
	"value" "opinion_value" NOT NULL,
	"comment" text,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "family_published_opinions_student_id_rank_pk" PRIMARY KEY("student_id","rank")
);
--> statement-breakpoint
CREATE TABLE "family_published_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"kind" "proposal_kind" NOT NULL,
	"rank" integer NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"free_text" text,
	"status_school" boolean DEFAULT false NOT NULL,
	"status_apprentice" boolean DEFAULT false NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage_passerelle" boolean DEFAULT false NOT NULL,
	"answer" "yes_no",
	"motivation" text,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "family_request_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"free_text" text,
	"status_school" boolean DEFAULT false NOT NULL,
	"status_apprentice" boolean DEFAULT false NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage_passerelle" boolean DEFAULT false NOT NULL,
	CONSTRAINT "family_item_rank" CHECK ("family_request_items"."rank" between 1 and 11),
	CONSTRAINT "family_item_free_text" CHECK ("family_request_items"."free_text" is null or char_length("family_request_items"."free_text") <= 200)
);
--> statement-breakpoint
CREATE TABLE "family_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"phase" "phase" NOT NULL,
	"holder_account_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"validated_at" timestamp with time zone NOT NULL,
	"transferred_version" integer DEFAULT 0 NOT NULL,
	"changed_by_school_at" timestamp with time zone,
	"changed_by_school_name" text,
	CONSTRAINT "family_request_version" CHECK ("family_requests"."transferred_version" <= "family_requests"."version")
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by_name" text NOT NULL,
	"outcome" "appeal_outcome" DEFAULT 'pending' NOT NULL,
	"commission_decision" text,
	"commission_decided_at" timestamp with time zone,
	CONSTRAINT "appeal_decided" CHECK (("appeals"."outcome" = 'pending') = ("appeals"."commission_decided_at" is null))
);
--> statement-breakpoint
CREATE TABLE "council_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"kind" "proposal_kind" NOT NULL,
	"choice_item_id" uuid,
	"rank" integer NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"free_text" text,
	"status_school" boolean DEFAULT false NOT NULL,
	"status_apprentice" boolean DEFAULT false NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage_passerelle" boolean DEFAULT false NOT NULL,
	"answer" "yes_no",
	"motivation" text,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "proposal_shape" CHECK (("council_proposals"."kind" = 'answer_to_choice' and "council_proposals"."choice_item_id" is not null and "council_proposals"."answer" is not null)
    or ("council_proposals"."kind" = 'extra' and "council_proposals"."choice_item_id" is null))
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"rank" integer NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"free_text" text,
	"status_school" boolean DEFAULT false NOT NULL,
	"status_apprentice" boolean DEFAULT false NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage_passerelle" boolean DEFAULT false NOT NULL,
	"differs_from_request" boolean NOT NULL,
	"reasons" text,
	"appeal_deadline" date,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "decision_reasons" CHECK (not "decisions"."differs_from_request" or ("decisions"."reasons" is not null and "decisions"."appeal_deadline" is not null))
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"notes" text,
	"entered_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinions" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"student_id" uuid NOT NULL,
	"value" "opinion_value" NOT NULL,
	"comment" text,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "opinion_comment_length" CHECK ("opinions"."comment" is null or char_length("opinions"."comment") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "school_acknowledgements" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"acknowledged_by_name" text NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"family_to_inform" boolean DEFAULT false NOT NULL,
	"family_informed_at" timestamp with time zone,
	"family_informed_by_name" text
);
--> statement-breakpoint
CREATE TABLE "school_agreements" (
	"student_id" uuid NOT NULL,
	"guardian_id" uuid NOT NULL,
	"agrees" boolean NOT NULL,
	"answered_by_name" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "school_agreements_student_id_guardian_id_pk" PRIMARY KEY("student_id","guardian_id")
);
--> statement-breakpoint
CREATE TABLE "school_family_answers" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"source" "request_source" NOT NULL,
	"kind" "family_answer_kind" NOT NULL,
	"accepted_proposal_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"answered_by_name" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_family_entries" (
	"student_id" uuid NOT NULL,
	"phase" "phase" NOT NULL,
	"family_version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"entered_by_name" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"non_traitee" boolean DEFAULT false NOT NULL,
	CONSTRAINT "school_family_entries_student_id_phase_pk" PRIMARY KEY("student_id","phase")
);
--> statement-breakpoint
CREATE TABLE "school_request_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"free_text" text,
	"status_school" boolean DEFAULT false NOT NULL,
	"status_apprentice" boolean DEFAULT false NOT NULL,
	"specialties" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage_passerelle" boolean DEFAULT false NOT NULL,
	CONSTRAINT "school_item_rank" CHECK ("school_request_items"."rank" between 1 and 11),
	CONSTRAINT "school_item_free_text" CHECK ("school_request_items"."free_text" is null or char_length("school_request_items"."free_text") <= 200)
);
--> statement-breakpoint
CREATE TABLE "school_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"phase" "phase" NOT NULL,
	"source" "request_source" NOT NULL,
	"entered_by_name" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"changed_by_school_at" timestamp with time zone,
	"changed_by_school_name" text,
	"original_family_items" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"published_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "school_change_keeps_original" CHECK ("school_requests"."changed_by_school_at" is null or "school_requests"."original_family_items" is not null or "school_requests"."source" = 'school')
);
--> statement-breakpoint
CREATE TABLE "outbox_emails" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_emails_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"from_address" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_emails_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_key" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" "sync_status" DEFAULT 'running' NOT NULL,
	"triggered_by" text NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "sync_runs_runKey_unique" UNIQUE("run_key")
);
--> statement-breakpoint
ALTER TABLE "campaign_windows" ADD CONSTRAINT "campaign_windows_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_councils" ADD CONSTRAINT "class_councils_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_service_closures" ADD CONSTRAINT "school_service_closures_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_signatures" ADD CONSTRAINT "school_signatures_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_specialties" ADD CONSTRAINT "school_specialties_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_guardians" ADD CONSTRAINT "student_guardians_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_guardians" ADD CONSTRAINT "student_guardians_guardian_id_guardians_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardians"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_guardian_id_guardians_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardians"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homeroom_divisions" ADD CONSTRAINT "homeroom_divisions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "homeroom_divisions" ADD CONSTRAINT "homeroom_divisions_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "public"."divisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_identities" ADD CONSTRAINT "oidc_identities_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_acknowledgements" ADD CONSTRAINT "family_acknowledgements_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_acknowledgements" ADD CONSTRAINT "family_acknowledgements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_agreements" ADD CONSTRAINT "family_agreements_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_agreements" ADD CONSTRAINT "family_agreements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_answers" ADD CONSTRAINT "family_answers_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_answers" ADD CONSTRAINT "family_answers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_published_decisions" ADD CONSTRAINT "family_published_decisions_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_published_opinions" ADD CONSTRAINT "family_published_opinions_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_published_proposals" ADD CONSTRAINT "family_published_proposals_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_request_items" ADD CONSTRAINT "family_request_items_request_id_family_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."family_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_requests" ADD CONSTRAINT "family_requests_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_requests" ADD CONSTRAINT "family_requests_holder_account_id_accounts_id_fk" FOREIGN KEY ("holder_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_proposals" ADD CONSTRAINT "council_proposals_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_proposals" ADD CONSTRAINT "council_proposals_choice_item_id_school_request_items_id_fk" FOREIGN KEY ("choice_item_id") REFERENCES "public"."school_request_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_item_id_school_request_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."school_request_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_acknowledgements" ADD CONSTRAINT "school_acknowledgements_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_agreements" ADD CONSTRAINT "school_agreements_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_agreements" ADD CONSTRAINT "school_agreements_guardian_id_guardians_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardians"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_family_answers" ADD CONSTRAINT "school_family_answers_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_family_entries" ADD CONSTRAINT "school_family_entries_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_request_items" ADD CONSTRAINT "school_request_items_request_id_school_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."school_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_requests" ADD CONSTRAINT "school_requests_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_windows_key" ON "campaign_windows" USING btree ("academy_id","school_year","level","phase");--> statement-breakpoint
CREATE UNIQUE INDEX "divisions_school_code" ON "divisions" USING btree ("school_id","code");--> statement-breakpoint
CREATE INDEX "schools_academy" ON "schools" USING btree ("academy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "student_guardians_rank" ON "student_guardians" USING btree ("student_id","rank");--> statement-breakpoint
CREATE INDEX "student_guardians_guardian" ON "student_guardians" USING btree ("guardian_id");--> statement-breakpoint
CREATE INDEX "students_division" ON "students" USING btree ("division_id");--> statement-breakpoint
CREATE INDEX "students_school" ON "students" USING btree ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_guardian" ON "accounts" USING btree ("guardian_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_student" ON "accounts" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "auth_sessions_open" ON "auth_sessions" USING btree ("expires_at") WHERE "auth_sessions"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "homeroom_divisions_division" ON "homeroom_divisions" USING btree ("division_id");--> statement-breakpoint
CREATE INDEX "family_published_proposals_student" ON "family_published_proposals" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "family_request_items_rank" ON "family_request_items" USING btree ("request_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "family_request_items_track" ON "family_request_items" USING btree ("request_id","track","sub_track");--> statement-breakpoint
CREATE UNIQUE INDEX "family_requests_student_phase" ON "family_requests" USING btree ("student_id","phase");--> statement-breakpoint
CREATE INDEX "family_requests_pending" ON "family_requests" USING btree ("validated_at") WHERE "family_requests"."transferred_version" < "family_requests"."version";--> statement-breakpoint
CREATE INDEX "council_proposals_student" ON "council_proposals" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_proposals_choice" ON "council_proposals" USING btree ("choice_item_id");--> statement-breakpoint
CREATE INDEX "interviews_student" ON "interviews" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "opinions_student" ON "opinions" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "opinions_unpublished" ON "opinions" USING btree ("updated_at") WHERE "opinions"."published_at" is null or "opinions"."published_at" < "opinions"."updated_at";--> statement-breakpoint
CREATE UNIQUE INDEX "school_request_items_rank" ON "school_request_items" USING btree ("request_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "school_request_items_track" ON "school_request_items" USING btree ("request_id","track","sub_track");--> statement-breakpoint
CREATE UNIQUE INDEX "school_requests_student_phase" ON "school_requests" USING btree ("student_id","phase");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox_emails" USING btree ("next_attempt_at") WHERE "outbox_emails"."status" in ('pending', 'sending');