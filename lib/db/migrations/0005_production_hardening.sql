ALTER TYPE "public"."sync_status" ADD VALUE 'interrupted';--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD COLUMN "login" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD COLUMN "last_attempt_checked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Before this migration the demo seed was the only way to create password accounts, and they all share one password hash: mark them as demo accounts so that a database seeded earlier refuses to start outside demo mode (docs/production.md).
UPDATE "accounts" SET "demo" = true WHERE "password_hash" IN (SELECT "password_hash" FROM "accounts" WHERE "login" IN ('admin', 'saio.grenoble') AND "password_hash" IS NOT NULL);--> statement-breakpoint
-- Throttle rows are now keyed by login and source (docs/security-sign-in.md); the old per-login rows are never read again.
DELETE FROM "sign_in_throttles";
