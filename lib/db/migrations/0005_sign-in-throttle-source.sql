ALTER TABLE "sign_in_throttles" ADD COLUMN "login" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD COLUMN "last_attempt_checked" boolean DEFAULT false NOT NULL;