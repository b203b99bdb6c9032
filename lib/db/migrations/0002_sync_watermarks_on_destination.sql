-- The transfer's watermarks move to the destination rows (docs/sync.md): the family version
-- received is school_family_entries.family_version, and an avis is published when its published
-- copy differs. Keep what the old watermark said: a version marked transferred without a copy
-- (a school change, R-SCH-5) must not cross again.
UPDATE "school_family_entries" e SET "family_version" = f."transferred_version"
  FROM "family_requests" f
 WHERE f."student_id" = e."student_id" AND f."phase" = e."phase" AND f."transferred_version" > e."family_version";--> statement-breakpoint
ALTER TABLE "family_requests" DROP CONSTRAINT "family_request_version";--> statement-breakpoint
DROP INDEX "family_requests_pending";--> statement-breakpoint
DROP INDEX "opinions_unpublished";--> statement-breakpoint
ALTER TABLE "family_requests" DROP COLUMN "transferred_version";--> statement-breakpoint
ALTER TABLE "opinions" DROP COLUMN "published_at";--> statement-breakpoint
ALTER TABLE "family_requests" ADD CONSTRAINT "family_request_version" CHECK ("family_requests"."version" >= 1);