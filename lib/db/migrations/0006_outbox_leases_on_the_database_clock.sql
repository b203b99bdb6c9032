DROP INDEX "outbox_due";--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "outbox_leases" ON "outbox_emails" USING btree ("lease_until") WHERE "outbox_emails"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox_emails" USING btree ("next_attempt_at") WHERE "outbox_emails"."status" = 'pending';--> statement-breakpoint
-- The claims under way keep their lease (it was in next_attempt_at).
UPDATE "outbox_emails" SET "lease_until" = "next_attempt_at" WHERE "status" = 'sending';
