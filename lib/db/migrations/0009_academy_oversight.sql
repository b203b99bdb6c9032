CREATE TABLE "reminder_sends" (
	"reminder_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"guardian_id" uuid NOT NULL,
	"to_address" text,
	"outbox_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_sends_reminder_id_student_id_guardian_id_pk" PRIMARY KEY("reminder_id","student_id","guardian_id")
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"academy_id" text NOT NULL,
	"school_id" uuid,
	"school_year" text NOT NULL,
	"level" "level" NOT NULL,
	"phase" "phase" NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"created_by_account_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_name" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "track_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"academy_id" text NOT NULL,
	"level" "level" NOT NULL,
	"track" text NOT NULL,
	"sub_track" text DEFAULT '' NOT NULL,
	"message" text NOT NULL,
	"due_on" date NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_alert_message" CHECK (length("track_alerts"."message") between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "academies" ADD COLUMN "resources_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "academies" ADD COLUMN "assistance_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "locale" text DEFAULT 'fr' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "school_id" uuid;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_reminder_id_reminders_id_fk" FOREIGN KEY ("reminder_id") REFERENCES "public"."reminders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_guardian_id_guardians_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardians"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_outbox_id_outbox_emails_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_emails"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_alerts" ADD CONSTRAINT "track_alerts_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminder_sends_student" ON "reminder_sends" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "reminders_due" ON "reminders" USING btree ("send_at") WHERE "reminders"."processed_at" is null and "reminders"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "reminders_academy" ON "reminders" USING btree ("academy_id","school_year");--> statement-breakpoint
CREATE INDEX "reminders_school" ON "reminders" USING btree ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "track_alerts_key" ON "track_alerts" USING btree ("academy_id","level","track","sub_track");--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "account_locale" CHECK ("accounts"."locale" in ('fr', 'en', 'ar'));