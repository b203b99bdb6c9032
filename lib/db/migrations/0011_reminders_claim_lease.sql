ALTER TABLE "reminders" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reminders" ADD COLUMN "progress_student_id" uuid;