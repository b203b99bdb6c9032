ALTER TABLE "accounts" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written backfill (docs/production.md): a database seeded before this migration holds demo
-- accounts that are not marked. The demo seed gives every demo account one shared password hash;
-- before this migration the seed was the only way to create a password account.
UPDATE "accounts" SET "demo" = true WHERE "password_hash" IN (SELECT "password_hash" FROM "accounts" WHERE "login" IN ('admin', 'saio.grenoble') AND "password_hash" IS NOT NULL);
